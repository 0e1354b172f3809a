package dev.fleche.core.lock.disk;

/**
 * Thrown when an engine was closed as idle, or with its directory, between its lookup and its
 * use; the caller looks the key up again.
 */
final class EvictedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	EvictedException() {
		super("The key's file was closed", null, false, false);
	}

}
