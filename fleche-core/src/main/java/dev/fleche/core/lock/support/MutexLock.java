package dev.fleche.core.lock.support;

import dev.fleche.core.lock.IllegalReleaseException;
import dev.fleche.core.lock.Lock;
import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockOptions;
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

	@Override
	public void release() {
		Owner owner = Owner.current();
		GrantHandle handle = ownedBy(owner);
		if (handle == null) {
			throw new IllegalReleaseException(key(), "Lock '" + key() + "' is not held by " + owner);
		}
		handle.release();
	}

	@Override
	public String toString() {
		return "Lock[" + key() + "]";
	}

}
