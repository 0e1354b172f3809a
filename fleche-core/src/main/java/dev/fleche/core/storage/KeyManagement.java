package dev.fleche.core.storage;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.fleche.core.digest.Digest;

/**
 * Keys of a storage: full digests of 64 lowercase hexadecimal characters, addressed by the full
 * digest or by an unambiguous prefix of at least {@value #MIN_PREFIX} characters.
 */
public interface KeyManagement {

	/** The shortest prefix accepted. */
	int MIN_PREFIX = 4;

	/** Every key stored, in ascending order. */
	List<Digest> list();

	/**
	 * The full key that {@code digestOrPrefix} names. A full digest is returned as it is, whether
	 * stored or not.
	 * @throws dev.fleche.core.digest.InvalidDigestException if it is shorter than
	 * {@value #MIN_PREFIX} characters, longer than 64, or not lowercase hexadecimal
	 * @throws KeyNotFoundException if no key starts with it
	 * @throws AmbiguousKeyException if several keys start with it; the exception says how many
	 * characters are needed
	 */
	Digest expand(String digestOrPrefix);

	/**
	 * The shortest unambiguous prefix of each key, at least {@value #MIN_PREFIX} characters,
	 * computed from one listing for the whole batch.
	 * @return each given key mapped to its prefix, in the given order
	 * @throws IllegalArgumentException if {@code keys} is empty
	 * @throws KeyNotFoundException if one of {@code keys} is not stored
	 */
	Map<Digest, String> shrink(Collection<Digest> keys);

	/** The shortest unambiguous prefix of one key. */
	default String shrink(Digest key) {
		return shrink(List.of(key)).get(key);
	}

	/**
	 * Whether a key named by {@code digestOrPrefix} is stored.
	 * @return {@code false} for an unknown key or prefix, and for a prefix shorter than
	 * {@value #MIN_PREFIX} characters (too short to name a key)
	 * @throws AmbiguousKeyException if the prefix names several keys
	 * @throws dev.fleche.core.digest.InvalidDigestException if it is longer than 64 characters or
	 * not lowercase hexadecimal
	 */
	boolean contains(String digestOrPrefix);

	/**
	 * Removes the entry named by {@code digestOrPrefix}; removing an absent key does nothing.
	 * @throws AmbiguousKeyException if the prefix names several keys
	 */
	void evict(String digestOrPrefix);

	/**
	 * How many bytes the entry under the full key {@code key} takes in the store, or {@code -1} if
	 * it is absent or the storage cannot tell.
	 */
	default long storedSize(Digest key) {
		return -1;
	}

}
