package dev.fleche.core.lock;

/**
 * A release that is not allowed: by an owner that does not hold the lock, of a grant released
 * already or whose lease was lost, or of a semaphore above its bound.
 */
public class IllegalReleaseException extends LockException {

	private static final long serialVersionUID = 1L;

	public IllegalReleaseException(String key, String message) {
		super(key, message);
	}

}
