package dev.fleche.core.storage.support;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.digest.Digest;

/**
 * The byte-level SPI a simple backend implements: entries of bytes by full digest. Thread-safe.
 */
public interface ByteStore {

	/** Stores {@code bytes} under {@code key}, replacing what was there, atomically. */
	void put(Digest key, byte[] bytes);

	/** The bytes under {@code key}, or {@code null} if absent. */
	byte @Nullable [] get(Digest key);

	/** Removes {@code key}; returns whether it was there. */
	boolean remove(Digest key);

	/** Whether {@code key} is stored. */
	boolean contains(Digest key);

	/** Every key, ascending. */
	List<Digest> keys();

	/**
	 * The smallest keys that start with {@code prefix}, ascending, at most {@code limit}. Backends
	 * with an index override this; the default filters {@link #keys()}.
	 */
	default List<Digest> matching(String prefix, int limit) {
		return Keys.matching(keys(), prefix, limit);
	}

	/** Where an entry lives, for error messages: a file path, or the key itself. */
	default String describe(Digest key) {
		return key.hex();
	}

}
