package dev.fleche.core.storage;

/**
 * A value or call could not be stored. Nothing stored before is lost.
 */
public class SaveException extends StorageException {

	private static final long serialVersionUID = 1L;

	public SaveException(String message, Throwable cause) {
		super(message, cause);
	}

	public SaveException(String message) {
		super(message);
	}

}
