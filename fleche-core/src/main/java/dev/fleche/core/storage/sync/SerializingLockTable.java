package dev.fleche.core.storage.sync;

import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One re-entrant read/write lock for the whole storage: reads share it, writes run alone. A write
 * started by a thread inside its own read proceeds when that thread is the only reader, and fails
 * at once with a {@link LockUpgradeException} otherwise; it never waits forever.
 */
public final class SerializingLockTable implements LockTable {

	private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

	@Override
	public Held lock(StorageOperation operation) {
		Runnable release;
		if (operation.intent() == Intent.READ) {
			this.lock.readLock().lock();
			release = this.lock.readLock()::unlock;
		}
		else {
			release = WriteLocks.lockWrite(this.lock, operation.name(), operation.target());
		}
		boolean[] open = { true };
		return () -> {
			if (open[0]) {
				open[0] = false;
				release.run();
			}
		};
	}

	/** Whether some thread holds the write lock, for tests and diagnostics. */
	public boolean isWriteLocked() {
		return this.lock.isWriteLocked();
	}

}
