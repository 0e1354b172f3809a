package dev.fleche.core.lock;

import java.util.List;
import java.util.Optional;

/**
 * Hands out lock primitives by key on one backend. Primitives are cheap views: asking twice for
 * the same key gives primitives that share one state. Different primitives on one key share its
 * queue, each in its own mode.
 */
public interface LockService extends AutoCloseable {

	/** The backend's name, such as {@code local} or {@code disk}. */
	String backendName();

	/** A mutex on {@code key}. */
	default Lock lock(String key) {
		return lock(key, LockOptions.defaults());
	}

	/** A mutex on {@code key} with options. */
	Lock lock(String key, LockOptions options);

	/** A re-entrant mutex on {@code key}. */
	default RLock rlock(String key) {
		return rlock(key, LockOptions.defaults());
	}

	/** A re-entrant mutex on {@code key} with options. */
	RLock rlock(String key, LockOptions options);

	/** A read/write lock on {@code key}. */
	default ReadWriteLock readWriteLock(String key) {
		return readWriteLock(key, LockOptions.defaults());
	}

	/** A read/write lock on {@code key} with options. */
	ReadWriteLock readWriteLock(String key, LockOptions options);

	/** A semaphore of {@code permits} on {@code key}. */
	default BoundedSemaphore semaphore(String key, int permits) {
		return semaphore(key, permits, LockOptions.defaults());
	}

	/** A semaphore of {@code permits} on {@code key} with options. */
	BoundedSemaphore semaphore(String key, int permits, LockOptions options);

	/** A FIFO lock with modes on {@code key}. */
	default FifoLock fifo(String key) {
		return fifo(key, LockOptions.defaults());
	}

	/** A FIFO lock with modes on {@code key} with options. */
	FifoLock fifo(String key, LockOptions options);

	/** A running average on {@code key}. */
	Averager averager(String key);

	/** What is known now of {@code key}, if it was used. */
	Optional<LockState> state(String key);

	/** What is known now of every key used through this service. */
	List<LockState> states();

	/**
	 * Forces the release of every grant whose lock carries {@code tag}; their holders are told
	 * their lease was lost.
	 * @return the number of grants released
	 */
	int releaseTagged(String tag);

	/** Registers a listener for acquisitions, releases and timeouts. */
	void addListener(LockListener listener);

	/** Releases the backend's resources; grants still held are released. */
	@Override
	void close();

}
