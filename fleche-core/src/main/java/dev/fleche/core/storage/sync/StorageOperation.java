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
 */
public record StorageOperation(Intent intent, List<Digest> keys, boolean wholeStore) {

	public StorageOperation {
		keys = List.copyOf(keys);
	}

	/** An operation on the given keys only. */
	public StorageOperation(Intent intent, List<Digest> keys) {
		this(intent, keys, false);
	}

}
