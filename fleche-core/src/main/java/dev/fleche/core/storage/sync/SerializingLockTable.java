package dev.fleche.core.storage.sync;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One re-entrant read/write lock for the whole storage: reads share it, writes run alone.
 */
public final class SerializingLockTable implements LockTable {

	private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

	@Override
	public Held lock(StorageOperation operation) {
		Lock taken = (operation.intent() == Intent.READ) ? this.lock.readLock() : this.lock.writeLock();
		taken.lock();
		boolean[] open = { true };
		return () -> {
			if (open[0]) {
				open[0] = false;
				taken.unlock();
			}
		};
	}

	/** Whether some thread holds the write lock, for tests and diagnostics. */
	public boolean isWriteLocked() {
		return this.lock.isWriteLocked();
	}

}
