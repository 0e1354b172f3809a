package dev.fleche.core.storage.sync;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import dev.fleche.core.digest.Digest;

/**
 * One re-entrant read/write lock per full key, held weakly: a key's lock lives while an operation
 * holds it and is garbage collected when idle. Operations on different keys never block each other;
 * an operation on several keys takes them in ascending order, so two of them cannot deadlock.
 * A store-wide read/write lock sits above the key locks: every operation holds it shared, except
 * those that touch keys they cannot name in advance ({@link StorageOperation#wholeStore()}, such as
 * transform), which hold it alone. A write started by a thread inside its own read of the same
 * key (or a whole-store write inside any operation) proceeds when that thread is the only reader,
 * and fails at once with a {@link LockUpgradeException} otherwise; it never waits forever.
 */
public final class PerKeyLockTable implements LockTable {

	private final ConcurrentHashMap<Digest, KeyLockRef> locks = new ConcurrentHashMap<>();

	private final ReferenceQueue<ReentrantReadWriteLock> collected = new ReferenceQueue<>();

	private final ReentrantReadWriteLock store = new ReentrantReadWriteLock();

	@Override
	public Held lock(StorageOperation operation) {
		List<Runnable> taken = new ArrayList<>(operation.keys().size() + 1);
		if (operation.wholeStore()) {
			taken.add(WriteLocks.lockWrite(this.store, operation.name(), "the storage"));
		}
		else {
			this.store.readLock().lock();
			taken.add(this.store.readLock()::unlock);
		}
		List<ReentrantReadWriteLock> pinned = new ArrayList<>(operation.keys().size());
		try {
			for (Digest key : operation.keys()) {
				ReentrantReadWriteLock lock = lockOf(key);
				pinned.add(lock);
				if (operation.intent() == Intent.READ) {
					lock.readLock().lock();
					taken.add(lock.readLock()::unlock);
				}
				else {
					taken.add(WriteLocks.lockWrite(lock, operation.name(), "key " + key.hex()));
				}
			}
		}
		catch (RuntimeException | Error ex) {
			unlockReverse(taken);
			throw ex;
		}
		return () -> {
			unlockReverse(taken);
			taken.clear();
			pinned.clear();
		};
	}

	/** The lock of {@code key}, created if missing; callers keep it reachable while they use it. */
	ReentrantReadWriteLock lockOf(Digest key) {
		expunge();
		while (true) {
			KeyLockRef ref = this.locks.get(key);
			ReentrantReadWriteLock lock = (ref != null) ? ref.get() : null;
			if (lock != null) {
				return lock;
			}
			ReentrantReadWriteLock fresh = new ReentrantReadWriteLock();
			KeyLockRef freshRef = new KeyLockRef(key, fresh, this.collected);
			boolean installed = (ref == null) ? this.locks.putIfAbsent(key, freshRef) == null
					: this.locks.replace(key, ref, freshRef);
			if (installed) {
				return fresh;
			}
		}
	}

	/** How many keys have a lock entry now (collected ones are dropped first). */
	public int size() {
		expunge();
		return this.locks.size();
	}

	private void expunge() {
		KeyLockRef ref;
		while ((ref = (KeyLockRef) this.collected.poll()) != null) {
			this.locks.remove(ref.key, ref);
		}
	}

	private static void unlockReverse(List<Runnable> taken) {
		for (int i = taken.size() - 1; i >= 0; i--) {
			taken.get(i).run();
		}
	}

	private static final class KeyLockRef extends WeakReference<ReentrantReadWriteLock> {

		private final Digest key;

		KeyLockRef(Digest key, ReentrantReadWriteLock lock, ReferenceQueue<ReentrantReadWriteLock> queue) {
			super(lock, queue);
			this.key = key;
		}

	}

}
