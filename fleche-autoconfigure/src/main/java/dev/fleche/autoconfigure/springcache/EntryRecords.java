package dev.fleche.autoconfigure.springcache;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.fleche.core.cache.eviction.SaveGuard;
import dev.fleche.core.cache.eviction.SizeLimiter;
import dev.fleche.core.call.Call;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.storage.CallStorage;

/**
 * Call records for the entries of the Spring caches when the store has a size limit: each entry
 * gets a record (function {@code spring-cache:<name>}, its one argument and its result the entry's
 * storage key), so the {@link SizeLimiter} evicts entries least recently used like cached calls
 * and never collects them as values no call uses. Without a size limit no record is written.
 */
final class EntryRecords {

	private static final String VERSION = "1";

	private final CallStorage calls;

	private final SizeLimiter limiter;

	EntryRecords(CallStorage calls, SizeLimiter limiter) {
		this.calls = calls;
		this.limiter = limiter;
	}

	/** The function name of the records of cache {@code name}. */
	static String function(String cacheName) {
		return "spring-cache:" + cacheName;
	}

	/**
	 * Saves the entry, then its record (created at {@code storedAtMillis}, which least-recently-used
	 * eviction counts from until the entry is read), held against a collection of orphan values.
	 */
	void save(String cacheName, Digest storageKey, long storedAtMillis, Runnable saveEntry) {
		ObjectNode fleche = JsonNodeFactory.instance.objectNode();
		fleche.put("createdAt", Instant.ofEpochMilli(storedAtMillis).toString());
		Call record = record(cacheName, storageKey).withMetadata("fleche", fleche);
		try (SaveGuard.Scope scope = this.limiter.saving()) {
			saveEntry.run();
			this.calls.save(record);
		}
		this.limiter.saved(record.key());
	}

	/** Records an access to the entry, for least-recently-used eviction. */
	void hit(String cacheName, Digest storageKey) {
		this.limiter.hit(function(cacheName), record(cacheName, storageKey).key());
	}

	/** Removes the record of the entry, if any. */
	void evict(String cacheName, Digest storageKey) {
		this.calls.evict(record(cacheName, storageKey).key().hex());
	}

	private static Call record(String cacheName, Digest storageKey) {
		return new Call(function(cacheName), VERSION, Map.of("entry", storageKey), storageKey, Map.of());
	}

	/** Records for a store with a size limit, or {@code null} without one. */
	static @Nullable EntryRecords of(@Nullable CallStorage calls, @Nullable SizeLimiter limiter) {
		return (calls != null && limiter != null) ? new EntryRecords(calls, limiter) : null;
	}

}
