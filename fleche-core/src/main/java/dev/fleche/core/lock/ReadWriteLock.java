package dev.fleche.core.lock;

/**
 * A read/write lock in FIFO order: readers share, a writer is alone, and a queued writer is
 * served before readers that arrived after it.
 */
public interface ReadWriteLock {

	/** The key. */
	String key();

	/** The shared side. */
	Acquirable read();

	/** The exclusive side. */
	Acquirable write();

}
