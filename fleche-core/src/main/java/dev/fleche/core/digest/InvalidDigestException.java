package dev.fleche.core.digest;

import dev.fleche.core.FlecheException;
import dev.fleche.core.text.SafeText;

/**
 * A text given as a digest or a digest prefix is not valid.
 */
public class InvalidDigestException extends FlecheException {

	private static final long serialVersionUID = 1L;

	private final String input;

	public InvalidDigestException(String input, String reason) {
		super("Invalid digest " + SafeText.quote(input) + ": " + reason);
		this.input = input;
	}

	/** The text that was rejected. */
	public String input() {
		return this.input;
	}

}
