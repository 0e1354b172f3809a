package dev.fleche.core.lock.postgres;

import java.util.concurrent.CompletableFuture;

import dev.fleche.core.lock.HeldModes;
import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.spi.Grant;
import dev.fleche.core.lock.spi.Owner;

/**
 * A request of this process waiting in a key's queue. Its row carries {@link #ticket} and
 * {@link #session}; after the lock session failed it is queued again under the new one.
 */
final class PostgresRequest {

	final LockMode mode;

	final Owner owner;

	final LockOptions options;

	final CompletableFuture<Grant> future = new CompletableFuture<>();

	/** The ticket of its row; 0 while it has none. Guarded by the engine's gate. */
	long ticket;

	/** The session its row belongs to. Guarded by the engine's gate. */
	int session;

	/** Whether its mode is compatible with nothing held, so it may take the one-statement handoff. */
	final boolean freeWhenEmpty;

	PostgresRequest(LockMode mode, Owner owner, LockOptions options) {
		this.mode = mode;
		this.owner = owner;
		this.options = options;
		this.freeWhenEmpty = compatibleWithNothing(mode);
	}

	private static boolean compatibleWithNothing(LockMode mode) {
		try {
			return mode.isCompatible(HeldModes.none());
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	@Override
	public String toString() {
		return "PostgresRequest[" + this.ticket + " " + this.mode + " by " + this.owner + "]";
	}

}
