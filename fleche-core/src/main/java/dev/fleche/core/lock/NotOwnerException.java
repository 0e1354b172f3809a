package dev.fleche.core.lock;

/**
 * A release by an owner that does not hold the lock.
 */
public class NotOwnerException extends IllegalReleaseException {

	private static final long serialVersionUID = 1L;

	public NotOwnerException(String key, String message) {
		super(key, message);
	}

}
