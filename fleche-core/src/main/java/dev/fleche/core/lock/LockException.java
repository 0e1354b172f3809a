package dev.fleche.core.lock;

import dev.fleche.core.FlecheException;

/**
 * A lock operation failed. Carries the key.
 */
public class LockException extends FlecheException {

	private static final long serialVersionUID = 1L;

	private final String key;

	public LockException(String key, String message) {
		super(message);
		this.key = key;
	}

	public LockException(String key, String message, Throwable cause) {
		super(message, cause);
		this.key = key;
	}

	/** The key of the lock. */
	public String key() {
		return this.key;
	}

}
