package dev.fleche.core.storage.sync;

import java.util.List;

import dev.fleche.core.digest.Digest;

/**
 * One storage call as the lock decorators see it: its intent and the full keys it touches,
 * ascending and distinct (the order in which per-key locks are taken).
 *
 * @param intent read or write
 * @param keys the normalized full keys, ascending; empty for an operation on the whole store
 * that names no key (list, query)
 * @param wholeStore whether the operation may touch keys it cannot name in advance (transform
 * moves calls to new keys), so it must run alone on the whole store
 * @param name the method called, such as {@code save}, for error messages
 */
public record StorageOperation(Intent intent, List<Digest> keys, boolean wholeStore, String name) {

	public StorageOperation {
		keys = List.copyOf(keys);
	}

	/** An operation on the whole store or on the given keys, named after its intent. */
	public StorageOperation(Intent intent, List<Digest> keys, boolean wholeStore) {
		this(intent, keys, wholeStore, intent.name().toLowerCase(java.util.Locale.ROOT));
	}

	/** An operation on the given keys only. */
	public StorageOperation(Intent intent, List<Digest> keys) {
		this(intent, keys, false);
	}

	/** What the operation works on, for error messages. */
	String target() {
		return this.wholeStore || this.keys.isEmpty() ? "the storage" : "key " + this.keys;
	}

}
