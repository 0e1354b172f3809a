package dev.fleche.core.storage;

/**
 * A stored entry cannot be read back: truncated, garbage, tampered with, or not deserializable
 * into the requested type. Names the key and, where there is one, the file.
 */
public class CorruptEntryException extends StorageException {

	private static final long serialVersionUID = 1L;

	private final String key;

	public CorruptEntryException(String key, String message, Throwable cause) {
		super("Corrupt entry '" + key + "': " + message, cause);
		this.key = key;
	}

	public CorruptEntryException(String key, String message) {
		super("Corrupt entry '" + key + "': " + message);
		this.key = key;
	}

	/** The key or file of the entry. */
	public String key() {
		return this.key;
	}

}
