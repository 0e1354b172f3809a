package dev.fleche.autoconfigure.startup;

import dev.fleche.core.FlecheException;

/**
 * A {@code @CachedCall} or {@code @Locked} method that Spring's proxy cannot intercept (private,
 * final or static), so the annotation would silently do nothing. Names the method.
 */
public class UnproxyableMethodException extends FlecheException {

	private static final long serialVersionUID = 1L;

	private final String method;

	public UnproxyableMethodException(String annotation, String method, String reason) {
		super("@" + annotation + " method " + method + " is " + reason
				+ ", so Spring's proxy cannot intercept it and the annotation would have no effect");
		this.method = method;
	}

	/** The method, such as {@code com.example.Stock#add(String,int)}. */
	public String method() {
		return this.method;
	}

}
