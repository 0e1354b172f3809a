package dev.fleche.core.lock.support;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.lock.HeldModes;
import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.SelfDeadlockException;
import dev.fleche.core.lock.spi.Grant;
import dev.fleche.core.lock.spi.KeyQueue;
import dev.fleche.core.lock.spi.Owner;

/**
 * A key acquired in one mode, with handles only: the sides of a read/write lock and the modes of
 * a FIFO lock.
 */
final class ModeAcquirable extends QueueAcquirable {

	private final ThreadHolds holds;

	ModeAcquirable(KeyQueue queue, LockMode mode, LockOptions options, Listeners listeners, ThreadHolds holds) {
		super(queue, mode, options, listeners);
		this.holds = holds;
	}

	@Override
	LockHandle adopt(Grant grant) {
		return new TrackedHandle(grant, this.listeners, losable(), this.holds);
	}

	@Override
	LockHandle adoptAsync(Grant grant) {
		return new GrantHandle(grant, this.listeners, null, null, losable());
	}

	/**
	 * A thread holding this key in a mode incompatible with the one it asks for fails at once; one
	 * holding only compatible modes may pass the queue (a nested read behind a queued writer).
	 */
	@Override
	@Nullable LockHandle beforeWait(boolean forever) {
		Owner owner = Owner.current();
		HeldModes own = this.holds.heldBy(key(), owner.threadId());
		if (own == null) {
			return null;
		}
		boolean compatible;
		try {
			compatible = this.mode.isCompatible(own);
		}
		catch (RuntimeException ex) {
			return null;
		}
		if (!compatible) {
			throw new SelfDeadlockException(key(), "Thread '" + Thread.currentThread().getName() + "' holds lock '" + key()
					+ "' in " + own + " and asked for " + this.mode.name() + ", which those grants exclude: it would wait for"
					+ " itself. Release them first, or acquire " + this.mode.name() + " from the start");
		}
		Grant grant = this.queue.tryAcquire(this.mode, owner, this.options.withFair(false));
		return (grant != null) ? adopt(grant) : null;
	}

	@Override
	public String toString() {
		return "Acquirable[" + key() + " " + this.mode + "]";
	}

}
