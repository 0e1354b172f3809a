package dev.fleche.core;

/**
 * Root of every exception Fleche throws. Unchecked; subclasses name the key, resource or
 * setting that was wrong.
 */
public class FlecheException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public FlecheException(String message) {
		super(message);
	}

	public FlecheException(String message, Throwable cause) {
		super(message, cause);
	}

}
