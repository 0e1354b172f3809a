package dev.fleche.annotation;

/**
 * The lock primitive a {@link Locked} method runs under.
 */
public enum LockKind {

	/** A mutex; not re-entrant: a nested call on the same key waits like anyone else. */
	MUTEX,

	/** A re-entrant mutex: the thread that holds it may call in again. */
	REENTRANT,

	/** The shared side of a read/write lock. */
	READ,

	/** The exclusive side of a read/write lock. */
	WRITE,

	/** A semaphore of {@link Locked#permits()} holders. */
	SEMAPHORE,

	/** A FIFO lock in the mode named by {@link Locked#mode()}. */
	FIFO

}
