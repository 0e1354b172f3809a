package dev.fleche.core.lock;

/**
 * A release of a bounded semaphore that has no permit held: above its bound.
 */
public class ReleasedAboveBoundException extends IllegalReleaseException {

	private static final long serialVersionUID = 1L;

	public ReleasedAboveBoundException(String key, String message) {
		super(key, message);
	}

}
