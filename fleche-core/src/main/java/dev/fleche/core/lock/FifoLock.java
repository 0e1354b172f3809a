package dev.fleche.core.lock;

/**
 * A FIFO lock with modes: a request is granted only when every earlier request was, and its mode
 * is compatible with what is held now. Compatible requests at the head of the queue are granted
 * together.
 */
public interface FifoLock {

	/** The key. */
	String key();

	/** Requests in {@code mode}. */
	Acquirable mode(LockMode mode);

	/** The modes held now. */
	HeldModes held();

	/** Requests waiting now. */
	int queueLength();

}
