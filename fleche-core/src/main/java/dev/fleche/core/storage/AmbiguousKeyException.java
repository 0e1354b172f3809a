package dev.fleche.core.storage;

import dev.fleche.core.text.SafeText;

/**
 * A prefix matches several stored keys.
 */
public class AmbiguousKeyException extends StorageException {

	private static final long serialVersionUID = 1L;

	private final String prefix;

	private final int matches;

	private final int neededLength;

	/**
	 * @param prefix the prefix given
	 * @param matches how many keys it matches (at least 2; a lower bound when the backend stops
	 * counting early)
	 * @param neededLength how many characters are needed to tell the matching keys apart
	 */
	public AmbiguousKeyException(String prefix, int matches, int neededLength) {
		super("Prefix " + SafeText.quote(prefix) + " is ambiguous: it matches " + matches + " keys; " + neededLength
				+ " characters are needed to tell them apart");
		this.prefix = prefix;
		this.matches = matches;
		this.neededLength = neededLength;
	}

	/** The prefix given. */
	public String prefix() {
		return this.prefix;
	}

	/** How many keys it matches. */
	public int matches() {
		return this.matches;
	}

	/** How many characters are needed. */
	public int neededLength() {
		return this.neededLength;
	}

}
