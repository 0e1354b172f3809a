package dev.fleche.core.lock.support;

import org.jspecify.annotations.Nullable;

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

	private @Nullable SlotCell cell;

	MutexLock(KeyQueue queue, LockOptions options, Listeners listeners, HandleRegistry registry) {
		super(queue, LockMode.MUTEX, options, listeners);
		this.registry = registry;
		this.slot = new Slot("lock", queue.key(), LockMode.MUTEX.name(), true);
	}

	@Override
	LockHandle adopt(Grant grant) {
		GrantHandle handle = new GrantHandle(grant, this.listeners, this.registry, this.slot, losable());
		this.cell = this.registry.add(handle, this.registry.cell(this.slot, this.cell));
		return handle;
	}

	@Override
	public void release() {
		Owner owner = Owner.current();
		GrantHandle handle = HandleRegistry.owned(cell(), owner);
		if (handle == null) {
			throw new IllegalReleaseException(key(), "Lock '" + key() + "' is not held by " + owner);
		}
		handle.release();
	}

	private SlotCell cell() {
		SlotCell live = this.registry.cell(this.slot, this.cell);
		this.cell = live;
		return live;
	}

	@Override
	public String toString() {
		return "Lock[" + key() + "]";
	}

}
