package dev.fleche.core.storage;

import dev.fleche.core.text.SafeText;

/**
 * No stored key matches a digest or prefix.
 */
public class KeyNotFoundException extends StorageException {

	private static final long serialVersionUID = 1L;

	private final String digestOrPrefix;

	public KeyNotFoundException(String digestOrPrefix) {
		super("No stored key matches " + SafeText.quote(digestOrPrefix));
		this.digestOrPrefix = digestOrPrefix;
	}

	/** The digest or prefix that matched nothing. */
	public String digestOrPrefix() {
		return this.digestOrPrefix;
	}

}
