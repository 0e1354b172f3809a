package dev.fleche.core.lock.support;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.lock.Lock;
import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.NotOwnerException;
import dev.fleche.core.lock.SelfDeadlockException;
import dev.fleche.core.lock.spi.Grant;
import dev.fleche.core.lock.spi.KeyQueue;
import dev.fleche.core.lock.spi.Owner;

/**
 * A mutex; its grants are registered so the owner can release without the handle.
 */
final class MutexLock extends ExclusiveAcquirable implements Lock {

	MutexLock(KeyQueue queue, LockOptions options, Listeners listeners, HandleRegistry registry) {
		super("lock", queue, options, listeners, registry);
	}

	@Override
	LockHandle adopt(Grant grant) {
		GrantHandle handle = new GrantHandle(grant, this.listeners, this.registry, this.slot, losable());
		register(handle);
		return handle;
	}

	/**
	 * A second acquire without a timeout by the holding thread would wait for itself forever: a
	 * mutex is not re-entrant. A timed one runs into its timeout, as it always did.
	 */
	@Override
	@Nullable LockHandle beforeWait(boolean forever) {
		Owner owner = Owner.current();
		if (forever && ownedBy(owner) != null) {
			throw new SelfDeadlockException(key(), "Lock '" + key() + "' is held by this thread (" + owner
					+ ") already; a Lock is not re-entrant, so it would wait for itself. Use an RLock to re-enter");
		}
		return null;
	}

	@Override
	public void release() {
		Owner owner = Owner.current();
		GrantHandle handle = ownedBy(owner);
		if (handle == null) {
			throw new NotOwnerException(key(), "Lock '" + key() + "' is not held by " + owner);
		}
		handle.release();
	}

	@Override
	public String toString() {
		return "Lock[" + key() + "]";
	}

}
