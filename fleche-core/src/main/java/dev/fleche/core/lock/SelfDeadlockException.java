package dev.fleche.core.lock;

/**
 * A thread asked to wait for a lock that only its own grants keep from it: a second acquire of a
 * mutex it holds, or a write (or another incompatible mode) on a key it holds in read mode. It
 * would wait for itself forever, so it fails at once instead.
 */
public class SelfDeadlockException extends LockException {

	private static final long serialVersionUID = 1L;

	public SelfDeadlockException(String key, String message) {
		super(key, message);
	}

}
