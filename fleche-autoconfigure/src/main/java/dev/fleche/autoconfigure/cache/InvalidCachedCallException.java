package dev.fleche.autoconfigure.cache;

import dev.fleche.core.FlecheException;

/**
 * A {@link dev.fleche.annotation.CachedCall} method is declared wrong: an ignored parameter that
 * does not exist, parameter names that are not available, or a result type whose values could not
 * be loaded back. Names the method.
 */
public class InvalidCachedCallException extends FlecheException {

	private static final long serialVersionUID = 1L;

	public InvalidCachedCallException(String method, String problem) {
		super("@CachedCall method " + method + ": " + problem);
	}

}
