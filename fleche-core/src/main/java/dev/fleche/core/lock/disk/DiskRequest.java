package dev.fleche.core.lock.disk;

import java.nio.channels.FileLock;
import java.util.concurrent.CompletableFuture;

import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.spi.Grant;
import dev.fleche.core.lock.spi.Owner;

/**
 * A request of this JVM waiting in a key's queue, with the wait and hold regions it locked.
 */
final class DiskRequest {

	final long ticket;

	final LockMode mode;

	final Owner owner;

	final LockOptions options;

	final CompletableFuture<Grant> future;

	final FileLock waitLock;

	final FileLock holdLock;

	DiskRequest(long ticket, LockMode mode, Owner owner, LockOptions options, FileLock waitLock, FileLock holdLock,
			CompletableFuture<Grant> future) {
		this.future = future;
		this.ticket = ticket;
		this.mode = mode;
		this.owner = owner;
		this.options = options;
		this.waitLock = waitLock;
		this.holdLock = holdLock;
	}

	@Override
	public String toString() {
		return "DiskRequest[" + this.ticket + " " + this.mode + " by " + this.owner + "]";
	}

}
