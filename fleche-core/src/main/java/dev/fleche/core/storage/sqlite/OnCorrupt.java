package dev.fleche.core.storage.sqlite;

/**
 * What a SQLite store does when its database file is not a database or is damaged, found at
 * opening or later by any statement.
 */
public enum OnCorrupt {

	/**
	 * Move the file aside as {@code <name>.corrupt-<timestamp>} (with its {@code -wal} and
	 * {@code -shm} files), log it at ERROR with both paths, and go on with a fresh, empty store.
	 * The operation that found the damage still fails; the ones after it use the fresh store.
	 */
	QUARANTINE,

	/** Fail: opening throws, and every operation that reads the damage throws. */
	FAIL

}
