package dev.fleche.core.storage;

import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.digest.Digest;

/**
 * Stores values by their content digest. Values are kept serialized, so a caller can never mutate
 * what is stored.
 */
public interface ValueStorage extends KeyManagement {

	/**
	 * Stores {@code value} under its own digest.
	 * @return the digest of {@code value}
	 * @throws SaveException if the value cannot be serialized or written
	 */
	Digest save(@Nullable Object value);

	/**
	 * Stores {@code value} under {@code key}.
	 * @return {@code key}
	 * @throws SaveException if the value cannot be serialized or written
	 */
	Digest save(@Nullable Object value, Digest key);

	/**
	 * Loads the value named by {@code digestOrPrefix}, deserialized into {@code type}.
	 * @throws KeyNotFoundException if nothing is stored under it
	 * @throws AmbiguousKeyException if the prefix names several keys
	 * @throws CorruptEntryException if the stored bytes cannot be read back
	 */
	@Nullable Object load(String digestOrPrefix, Type type);

	/**
	 * Loads the value named by {@code digestOrPrefix} as a {@code type}.
	 * @see #load(String, Type)
	 */
	default <T> @Nullable T load(String digestOrPrefix, Class<T> type) {
		return type.cast(load(digestOrPrefix, (Type) type));
	}

}
