package dev.fleche.core.lock;

/**
 * A release that is not allowed. Each cause has its subtype: {@link NotOwnerException},
 * {@link AlreadyReleasedException}, {@link LeaseLostException} and
 * {@link ReleasedAboveBoundException}.
 */
public class IllegalReleaseException extends LockException {

	private static final long serialVersionUID = 1L;

	public IllegalReleaseException(String key, String message) {
		super(key, message);
	}

}
