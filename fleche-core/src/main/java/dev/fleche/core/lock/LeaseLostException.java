package dev.fleche.core.lock;

/**
 * A grant's lease ran out, or the backend took the grant away, before it was released or
 * extended.
 */
public class LeaseLostException extends IllegalReleaseException {

	private static final long serialVersionUID = 1L;

	public LeaseLostException(String key, String message) {
		super(key, message);
	}

}
