package dev.fleche.core.storage.sync;

import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Takes the write side of a read/write lock for a thread that may already hold its read side
 * (a write started from inside a read). The only reader is upgraded: its read holds are set
 * aside, the write lock taken without waiting, and on release the read holds come back before the
 * write lock goes (a downgrade, with no gap). With other readers present, or if another writer
 * slips in first, it fails at once with a {@link LockUpgradeException}: it never waits for
 * readers that may be waiting for this thread.
 */
final class WriteLocks {

	private WriteLocks() {
	}

	/**
	 * Takes the write lock of {@code lock} for {@code operation} on {@code what}.
	 * @return what to run to release it (restoring the read holds of an upgrade)
	 * @throws LockUpgradeException if this thread reads it alongside others
	 */
	static Runnable lockWrite(ReentrantReadWriteLock lock, String operation, String what) {
		int holds = lock.getReadHoldCount();
		if (holds == 0 || lock.isWriteLockedByCurrentThread()) {
			lock.writeLock().lock();
			return lock.writeLock()::unlock;
		}
		if (lock.getReadLockCount() != holds) {
			throw new LockUpgradeException(operation, what);
		}
		for (int i = 0; i < holds; i++) {
			lock.readLock().unlock();
		}
		if (!lock.writeLock().tryLock()) {
			for (int i = 0; i < holds; i++) {
				lock.readLock().lock();
			}
			throw new LockUpgradeException(operation, what);
		}
		return () -> {
			for (int i = 0; i < holds; i++) {
				lock.readLock().lock();
			}
			lock.writeLock().unlock();
		};
	}

}
