package dev.fleche.autoconfigure.springcache;

import java.lang.reflect.Type;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.lock.Lock;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.digest.Digest;

/**
 * What the views of one named cache share: its key mapping, the storage, the lock service and
 * settings, and one view per value type read.
 */
final class CacheRegion {

	private final String name;

	private final SpringCacheKeys keys;

	private final ValueStorage values;

	private final LockService locks;

	private final boolean allowNullValues;

	private final Duration syncTimeout;

	private final Executor executor;

	private final @Nullable Duration expireAfter;

	private final Clock clock;

	private final ConcurrentHashMap<Type, FlecheCache> views = new ConcurrentHashMap<>();

	private final @Nullable EntryRecords records;

	CacheRegion(String name, ValueStorage values, LockService locks, boolean allowNullValues, Duration syncTimeout,
			Executor executor, @Nullable Duration expireAfter, Clock clock, @Nullable EntryRecords records) {
		this.name = name;
		this.records = records;
		this.keys = new SpringCacheKeys(name);
		this.values = values;
		this.locks = locks;
		this.allowNullValues = allowNullValues;
		this.syncTimeout = syncTimeout;
		this.executor = executor;
		this.expireAfter = expireAfter;
		this.clock = clock;
	}

	/** How long an entry is served after it was stored, or {@code null} for ever. */
	@Nullable Duration expireAfter() {
		return this.expireAfter;
	}

	/** The clock of stored-at times and expiry. */
	Clock clock() {
		return this.clock;
	}

	/** The view reading values as {@code type}. */
	FlecheCache view(Type type) {
		return this.views.computeIfAbsent(type, t -> new FlecheCache(this, t));
	}

	String name() {
		return this.name;
	}

	SpringCacheKeys keys() {
		return this.keys;
	}

	ValueStorage values() {
		return this.values;
	}

	boolean allowNullValues() {
		return this.allowNullValues;
	}

	Duration syncTimeout() {
		return this.syncTimeout;
	}

	Executor executor() {
		return this.executor;
	}

	/** The call records of entries, when the store has a size limit; {@code null} otherwise. */
	@Nullable EntryRecords records() {
		return this.records;
	}

	/** The lock that serializes computing, and conditional writes of, one entry across processes. */
	Lock entryLock(Digest storageKey) {
		return this.locks.lock("fleche.spring-cache:" + this.name + ":" + storageKey.hex());
	}

}
