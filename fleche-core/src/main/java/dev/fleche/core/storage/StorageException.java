package dev.fleche.core.storage;

import dev.fleche.core.FlecheException;

/**
 * A storage operation failed.
 */
public class StorageException extends FlecheException {

	private static final long serialVersionUID = 1L;

	public StorageException(String message) {
		super(message);
	}

	public StorageException(String message, Throwable cause) {
		super(message, cause);
	}

}
