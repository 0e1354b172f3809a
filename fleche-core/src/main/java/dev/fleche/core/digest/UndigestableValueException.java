package dev.fleche.core.digest;

import dev.fleche.core.FlecheException;

/**
 * A value has no canonical form to digest. Make its type a record, or implement {@link Digestible}.
 */
public class UndigestableValueException extends FlecheException {

	private static final long serialVersionUID = 1L;

	private final String typeName;

	public UndigestableValueException(Class<?> type, String reason, Throwable cause) {
		super("Cannot digest a value of " + type.getName() + ": " + reason
				+ "; make it a record or implement " + Digestible.class.getName(), cause);
		this.typeName = type.getName();
	}

	public UndigestableValueException(Class<?> type, String reason) {
		super("Cannot digest a value of " + type.getName() + ": " + reason
				+ "; make it a record or implement " + Digestible.class.getName());
		this.typeName = type.getName();
	}

	/** The class of the value. */
	public String typeName() {
		return this.typeName;
	}

}
