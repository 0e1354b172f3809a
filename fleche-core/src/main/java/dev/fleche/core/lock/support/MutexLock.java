package dev.fleche.core.lock.support;

import dev.fleche.core.lock.IllegalReleaseException;
import dev.fleche.core.lock.Lock;
import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.spi.Grant;
import dev.fleche.core.lock.spi.KeyQueue;
import dev.fleche.core.lock.spi.Owner;

/**
 * A mutex; its grants are registered so the owner can release without the handle.
 */
final class MutexLock extends QueueAcquirable implements Lock {

	private final HandleRegistry registry;

	private final Slot slot;

	MutexLock(KeyQueue queue, LockOptions options, Listeners listeners, HandleRegistry registry) {
		super(queue, LockMode.MUTEX, options, listeners);
		this.registry = registry;
		this.slot = new Slot("lock", queue.key(), LockMode.MUTEX.name(), true);
	}

	@Override
	LockHandle adopt(Grant grant) {
		GrantHandle handle = new GrantHandle(grant, this.listeners, this.registry, this.slot, losable());
		this.registry.add(handle);
		return handle;
	}

	@Override
	public void release() {
		Owner owner = Owner.current();
		GrantHandle handle = this.registry.owned(this.slot, owner);
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
