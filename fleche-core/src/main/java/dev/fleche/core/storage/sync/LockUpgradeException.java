package dev.fleche.core.storage.sync;

import dev.fleche.core.storage.StorageException;

/**
 * A thread that holds a storage's read lock started a write on it (a save from inside a load, a
 * storage callback) while other threads read too: waiting for them could wait forever (they may
 * wait for this thread), so the write fails at once. Names the operation.
 */
public class LockUpgradeException extends StorageException {

	private static final long serialVersionUID = 1L;

	private final String operation;

	public LockUpgradeException(String operation, String what) {
		super("Cannot " + operation + " " + what + ": this thread holds its read lock (a write started from inside "
				+ "a read) and other threads are reading too; the write would wait for them forever, so it fails "
				+ "at once. Move the write out of the read.");
		this.operation = operation;
	}

	/** The operation that could not take its write lock, such as {@code save}. */
	public String operation() {
		return this.operation;
	}

}
