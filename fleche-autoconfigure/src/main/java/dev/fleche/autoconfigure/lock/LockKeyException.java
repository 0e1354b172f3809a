package dev.fleche.autoconfigure.lock;

import dev.fleche.core.FlecheException;

/**
 * The key expression of a {@link dev.fleche.annotation.Locked} method could not give a key for a
 * call: it evaluated to {@code null}, or its evaluation failed.
 */
public class LockKeyException extends FlecheException {

	private static final long serialVersionUID = 1L;

	public LockKeyException(String message, Throwable cause) {
		super(message, cause);
	}

	public LockKeyException(String message) {
		super(message);
	}

}
