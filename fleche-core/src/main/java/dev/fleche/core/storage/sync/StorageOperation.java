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
 */
public record StorageOperation(Intent intent, List<Digest> keys) {

	public StorageOperation {
		keys = List.copyOf(keys);
	}

}
