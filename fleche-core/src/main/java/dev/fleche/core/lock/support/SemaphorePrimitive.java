package dev.fleche.core.lock.support;

import dev.fleche.core.lock.BoundedSemaphore;
import dev.fleche.core.lock.ReleasedAboveBoundException;
import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.spi.Grant;
import dev.fleche.core.lock.spi.KeyQueue;
import dev.fleche.core.lock.spi.Owner;

/**
 * A bounded semaphore in the semaphore mode of its permits; its grants are registered so a
 * release without a handle finds the caller's permit, or else the oldest.
 */
final class SemaphorePrimitive extends QueueAcquirable implements BoundedSemaphore {

	private final int permits;

	private final HandleRegistry registry;

	private final Slot slot;

	SemaphorePrimitive(KeyQueue queue, int permits, LockOptions options, Listeners listeners,
			HandleRegistry registry) {
		super(queue, LockMode.semaphore(permits), options, listeners);
		this.permits = permits;
		this.registry = registry;
		this.slot = new Slot("semaphore", queue.key(), this.mode.name(), false);
	}

	@Override
	LockHandle adopt(Grant grant) {
		GrantHandle handle = new GrantHandle(grant, this.listeners, this.registry, this.slot, losable());
		this.registry.add(handle);
		return handle;
	}

	@Override
	public int permits() {
		return this.permits;
	}

	@Override
	public int available() {
		return Math.max(0, this.permits - this.queue.held().total());
	}

	@Override
	public void release() {
		GrantHandle handle = this.registry.owned(this.slot, Owner.current());
		if (handle == null) {
			handle = this.registry.oldest(this.slot);
		}
		if (handle == null) {
			throw new ReleasedAboveBoundException(key(), "Semaphore '" + key() + "' has no permit held: a release above its bound of "
					+ this.permits);
		}
		handle.release();
	}

	@Override
	public String toString() {
		return "BoundedSemaphore[" + key() + " of " + this.permits + "]";
	}

}
