package dev.fleche.autoconfigure.lock;

import dev.fleche.core.FlecheException;

/**
 * A {@link dev.fleche.annotation.Locked} method is declared wrong: an invalid key expression, an
 * unknown mode or lock service, a bad duration, a lease shorter than the wait. Names the method.
 */
public class InvalidLockedMethodException extends FlecheException {

	private static final long serialVersionUID = 1L;

	private final String method;

	public InvalidLockedMethodException(String method, String problem, Throwable cause) {
		super("@Locked method " + method + ": " + problem, cause);
		this.method = method;
	}

	public InvalidLockedMethodException(String method, String problem) {
		super("@Locked method " + method + ": " + problem);
		this.method = method;
	}

	/** The method, such as {@code com.example.Stock#add(String,int)}. */
	public String method() {
		return this.method;
	}

}
