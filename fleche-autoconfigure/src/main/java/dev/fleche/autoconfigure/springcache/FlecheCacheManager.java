package dev.fleche.autoconfigure.springcache;

import java.lang.reflect.Type;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.cache.CacheManager;

import dev.fleche.core.cache.eviction.SizeLimiter;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.ValueStorage;

/**
 * A Spring {@link CacheManager} whose caches are stored in Fleche's {@link ValueStorage} and
 * whose computing misses are serialized by Fleche's {@link LockService}. Caches are created on
 * demand unless a fixed set of names is given. {@link #getCache(String)} reads values as JSON
 * maps, lists and scalars; {@link #getCache(String, Type)} (used by {@link FlecheCacheResolver})
 * reads them as a declared type.
 */
public final class FlecheCacheManager implements CacheManager, DisposableBean {

	private final ValueStorage values;

	private final LockService locks;

	private final boolean allowNullValues;

	private final Duration syncTimeout;

	private final Executor executor;

	private final boolean dynamic;

	private final boolean ownsLocks;

	private final @Nullable Duration expireAfter;

	private final Map<String, Duration> expireAfterByCache;

	private final Clock clock;

	private final ConcurrentHashMap<String, CacheRegion> regions = new ConcurrentHashMap<>();

	private final @Nullable EntryRecords records;

	private FlecheCacheManager(Builder builder) {
		this.values = builder.values;
		this.locks = builder.locks;
		this.allowNullValues = builder.allowNullValues;
		this.syncTimeout = builder.syncTimeout;
		this.executor = builder.executor;
		this.dynamic = builder.cacheNames.isEmpty();
		this.ownsLocks = builder.ownsLocks;
		this.expireAfter = builder.expireAfter;
		this.expireAfterByCache = Map.copyOf(builder.expireAfterByCache);
		this.clock = builder.clock;
		this.records = EntryRecords.of(builder.calls, builder.sizeLimiter);
		builder.cacheNames.forEach(this::region);
	}

	/** A builder over the storage of values and the lock service of computing misses. */
	public static Builder builder(ValueStorage values, LockService locks) {
		return new Builder(values, locks);
	}

	@Override
	public @Nullable FlecheCache getCache(String name) {
		return getCache(name, Object.class);
	}

	/** The cache {@code name} reading values as {@code valueType}, or null if it is not known. */
	public @Nullable FlecheCache getCache(String name, Type valueType) {
		CacheRegion region = this.dynamic ? region(name) : this.regions.get(name);
		return (region != null) ? region.view(valueType) : null;
	}

	@Override
	public Collection<String> getCacheNames() {
		return Collections.unmodifiableSet(new TreeSet<>(this.regions.keySet()));
	}

	/** Closes the lock service if this manager owns it ({@link Builder#ownsLockService()}). */
	@Override
	public void destroy() {
		if (this.ownsLocks) {
			this.locks.close();
		}
	}

	private CacheRegion region(String name) {
		return this.regions.computeIfAbsent(name,
				n -> new CacheRegion(n, this.values, this.locks, this.allowNullValues, this.syncTimeout, this.executor,
						this.expireAfterByCache.getOrDefault(n, this.expireAfter), this.clock, this.records));
	}

	/** Builds a {@link FlecheCacheManager}; each setting is checked when set. */
	public static final class Builder {

		private final ValueStorage values;

		private final LockService locks;

		private boolean allowNullValues = true;

		private Duration syncTimeout = Duration.ofMinutes(1);

		private Executor executor = ForkJoinPool.commonPool();

		private Set<String> cacheNames = Set.of();

		private boolean ownsLocks;

		private @Nullable Duration expireAfter;

		private final Map<String, Duration> expireAfterByCache = new HashMap<>();

		private Clock clock = Clock.systemUTC();

		private @Nullable CallStorage calls;

		private @Nullable SizeLimiter sizeLimiter;

		private Builder(ValueStorage values, LockService locks) {
			this.values = Objects.requireNonNull(values, "values");
			this.locks = Objects.requireNonNull(locks, "locks");
		}

		/**
		 * The size limit of the store: each entry then also gets a call record in {@code calls}, so
		 * the limiter evicts entries least recently used with the cached calls, and never collects
		 * them as values no call uses.
		 */
		public Builder sizeLimit(CallStorage calls, SizeLimiter sizeLimiter) {
			this.calls = Objects.requireNonNull(calls, "calls");
			this.sizeLimiter = Objects.requireNonNull(sizeLimiter, "sizeLimiter");
			return this;
		}

		/** Whether null values are stored (the default); otherwise putting null is an error. */
		public Builder allowNullValues(boolean allowNullValues) {
			this.allowNullValues = allowNullValues;
			return this;
		}

		/** How long a computing miss waits for another computing the same key; zero or more. */
		public Builder syncTimeout(Duration syncTimeout) {
			if (syncTimeout.isNegative()) {
				throw new IllegalArgumentException("A sync timeout must be zero or positive, got " + syncTimeout);
			}
			this.syncTimeout = syncTimeout;
			return this;
		}

		/** Where asynchronous reads and loads run; the common pool by default. */
		public Builder executor(Executor executor) {
			this.executor = Objects.requireNonNull(executor, "executor");
			return this;
		}

		/** A fixed set of caches; no other is created on demand. Empty: every name on demand. */
		public Builder cacheNames(Collection<String> cacheNames) {
			for (String name : cacheNames) {
				if (name == null || name.isBlank()) {
					throw new IllegalArgumentException("A cache name must not be blank, got " + cacheNames);
				}
			}
			this.cacheNames = Set.copyOf(List.copyOf(cacheNames));
			return this;
		}

		/** How long every cache serves an entry after it was stored; {@code null} (the default): for ever. */
		public Builder expireAfter(@Nullable Duration expireAfter) {
			this.expireAfter = checkedExpiry(expireAfter);
			return this;
		}

		/** How long the cache {@code name} serves an entry after it was stored, over the default. */
		public Builder expireAfter(String name, Duration expireAfter) {
			this.expireAfterByCache.put(name, Objects.requireNonNull(checkedExpiry(expireAfter), "expireAfter"));
			return this;
		}

		/** The clock of stored-at times and expiry. */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		private static @Nullable Duration checkedExpiry(@Nullable Duration expireAfter) {
			if (expireAfter != null && (expireAfter.isNegative() || expireAfter.isZero())) {
				throw new IllegalArgumentException("An expiry must be positive, got " + expireAfter);
			}
			return expireAfter;
		}

		/** The manager closes the lock service when it is destroyed. */
		public Builder ownsLockService() {
			this.ownsLocks = true;
			return this;
		}

		/** The manager. */
		public FlecheCacheManager build() {
			return new FlecheCacheManager(this);
		}

	}

}
