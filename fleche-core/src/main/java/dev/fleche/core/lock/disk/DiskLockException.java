package dev.fleche.core.lock.disk;

import java.nio.file.Path;

import dev.fleche.core.lock.LockException;
import dev.fleche.core.text.SafeText;

/**
 * The disk backend could not read, write or lock a key's file. Names the key and the file.
 */
public class DiskLockException extends LockException {

	private static final long serialVersionUID = 1L;

	private final transient Path file;

	/**
	 * Creates an exception about {@code key} and its {@code file}.
	 * @param key the key
	 * @param file the key's lock file
	 * @param message what went wrong; the key and file are appended
	 */
	public DiskLockException(String key, Path file, String message) {
		super(key, message + " (key " + SafeText.quote(key) + ", file " + file + ")");
		this.file = file;
	}

	/**
	 * Creates an exception about {@code key} and its {@code file}, with its cause.
	 * @param key the key
	 * @param file the key's lock file
	 * @param message what went wrong; the key and file are appended
	 * @param cause the underlying failure
	 */
	public DiskLockException(String key, Path file, String message, Throwable cause) {
		super(key, message + " (key " + SafeText.quote(key) + ", file " + file + ")", cause);
		this.file = file;
	}

	/** The lock file concerned. */
	public Path file() {
		return this.file;
	}

}
