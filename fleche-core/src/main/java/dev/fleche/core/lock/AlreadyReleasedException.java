package dev.fleche.core.lock;

/**
 * A release of a grant that was released already.
 */
public class AlreadyReleasedException extends IllegalReleaseException {

	private static final long serialVersionUID = 1L;

	public AlreadyReleasedException(String key, String message) {
		super(key, message);
	}

}
