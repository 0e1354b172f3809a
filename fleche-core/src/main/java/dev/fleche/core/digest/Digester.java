package dev.fleche.core.digest;

import org.jspecify.annotations.Nullable;

/**
 * Computes content digests of values: SHA-256 over a canonical, type-salted encoding.
 * Implementations are thread-safe.
 */
public interface Digester {

	/** The standard digester. See {@link CanonicalDigester} for the encoding. */
	static Digester standard() {
		return CanonicalDigester.INSTANCE;
	}

	/**
	 * The digest of {@code value}.
	 * @throws UndigestableValueException if the value has no canonical form
	 */
	Digest digest(@Nullable Object value);

}
