package dev.fleche.core.storage.codec;

import dev.fleche.core.digest.Digest;
import dev.fleche.core.storage.SaveException;

/**
 * An entry is larger than the store's maximum entry size, so it is not written (it could not be
 * read back). Nothing stored before is lost.
 */
public class EntryTooLargeException extends SaveException {

	private static final long serialVersionUID = 1L;

	private final long size;

	private final long limit;

	public EntryTooLargeException(Digest key, long size, long limit) {
		super("Entry " + key.prefix(12) + " has " + size + " bytes, more than the maximum entry size of " + limit
				+ " bytes; it is not stored");
		this.size = size;
		this.limit = limit;
	}

	/** The size of the refused entry, in bytes. */
	public long size() {
		return this.size;
	}

	/** The maximum entry size, in bytes. */
	public long limit() {
		return this.limit;
	}

}
