package dev.fleche.core.lock;

/**
 * Told of every acquisition, release and timeout on a {@link LockService}. A listener that throws
 * is logged and ignored: it never reaches the caller that acquires.
 */
public interface LockListener {

	/**
	 * A request was queued or started waiting.
	 * @param key the key
	 * @param mode the mode requested
	 */
	default void waiting(String key, LockMode mode) {
	}

	/**
	 * A grant was made.
	 * @param key the key
	 * @param mode the mode granted
	 * @param token the fencing token
	 * @param waitNanos how long the request waited
	 * @param contended whether it had to wait for another holder
	 */
	default void acquired(String key, LockMode mode, long token, long waitNanos, boolean contended) {
	}

	/**
	 * A grant was released.
	 * @param key the key
	 * @param mode the mode
	 * @param heldNanos how long it was held
	 */
	default void released(String key, LockMode mode, long heldNanos) {
	}

	/**
	 * A request gave up at its timeout, or was cancelled or interrupted.
	 * @param key the key
	 * @param mode the mode requested
	 * @param waitNanos how long it waited
	 */
	default void timedOut(String key, LockMode mode, long waitNanos) {
	}

	/**
	 * A grant's lease was lost before release.
	 * @param key the key
	 * @param token the grant's fencing token
	 */
	default void leaseLost(String key, long token) {
	}

	/**
	 * The backend could not confirm a grant (for example its connection to a server failed): it may
	 * be lost. {@link #leaseLost(String, long)} follows if it is.
	 * @param key the key
	 * @param token the grant's fencing token
	 */
	default void leaseInDoubt(String key, long token) {
	}

}
