package dev.fleche.core.storage.sync;

/**
 * Where the locks of storage operations come from: one lock for the whole storage, or one per key.
 */
public interface LockTable {

	/**
	 * Takes the locks {@code operation} needs, in its key order, waiting as long as it takes.
	 * @return what to close to release them
	 */
	Held lock(StorageOperation operation);

	/**
	 * Locks held for one operation.
	 */
	@FunctionalInterface
	interface Held extends AutoCloseable {

		/** Releases the locks, in reverse order; closing again does nothing. */
		@Override
		void close();

	}

}
