package dev.fleche.core.lock.support;

import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.lock.LeaseLostException;
import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.spi.Grant;

/**
 * The one backend grant of a re-entrant lock, and the nested holds on it: the grant is released
 * when the last hold is.
 */
final class ReentrantHandle extends GrantHandle {

	private final ReentrantLock guard = new ReentrantLock();

	private final ArrayDeque<ReentryHandle> holds = new ArrayDeque<>(4);

	ReentrantHandle(Grant grant, Listeners listeners, @Nullable HandleRegistry registry, @Nullable Slot slot,
			boolean losable) {
		super(grant, listeners, registry, slot, losable);
	}

	/** One more hold, or {@code null} if the grant is no longer held. */
	@Nullable LockHandle enter() {
		this.guard.lock();
		try {
			if (!isHeld()) {
				return null;
			}
			ReentryHandle hold = new ReentryHandle(this);
			this.holds.addLast(hold);
			return hold;
		}
		finally {
			this.guard.unlock();
		}
	}

	/**
	 * Ends one hold; the last one releases the grant. Unless {@code quietly}, throws if the lease
	 * was lost.
	 */
	void exit(ReentryHandle hold, boolean quietly) {
		this.guard.lock();
		try {
			if (!this.holds.remove(hold)) {
				return;
			}
			if (this.holds.isEmpty()) {
				if (quietly) {
					close();
				}
				else {
					release();
				}
			}
			else if (!quietly && isLeaseLost()) {
				throw new LeaseLostException(key(), "Re-entrant lock '" + key() + "' lost its lease (grant #"
						+ token() + ") before this release");
			}
		}
		finally {
			this.guard.unlock();
		}
	}

	/** The latest hold, released by {@code RLock.release()} without a handle. */
	@Nullable ReentryHandle latest() {
		this.guard.lock();
		try {
			return this.holds.peekLast();
		}
		finally {
			this.guard.unlock();
		}
	}

	int holdCount() {
		this.guard.lock();
		try {
			return isHeld() ? this.holds.size() : 0;
		}
		finally {
			this.guard.unlock();
		}
	}

}
