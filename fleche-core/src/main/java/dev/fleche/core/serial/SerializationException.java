package dev.fleche.core.serial;

import dev.fleche.core.FlecheException;

/**
 * A value could not be serialized, or bytes could not be read back into the type asked for.
 */
public class SerializationException extends FlecheException {

	private static final long serialVersionUID = 1L;

	public SerializationException(String message, Throwable cause) {
		super(message, cause);
	}

	public SerializationException(String message) {
		super(message);
	}

}
