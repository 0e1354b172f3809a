package dev.fleche.core.call;

/**
 * A metadata value of a call record is nested deeper than {@link Call#MAX_METADATA_DEPTH} levels of
 * objects and arrays. Refused when the record is built, written or read, so a deep value never
 * reaches recursive code.
 */
public class MetadataTooDeepException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String namespace;

	public MetadataTooDeepException(String namespace, int limit) {
		super("Metadata namespace '" + dev.fleche.core.text.SafeText.escape(namespace, 80)
				+ "' is nested deeper than " + limit + " levels");
		this.namespace = namespace;
	}

	/** The namespace whose value is too deep. */
	public String namespace() {
		return this.namespace;
	}

}
