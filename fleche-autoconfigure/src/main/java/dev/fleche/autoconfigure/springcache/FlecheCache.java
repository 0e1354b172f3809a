package dev.fleche.autoconfigure.springcache;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cache.Cache;
import org.springframework.cache.support.SimpleValueWrapper;
import org.springframework.core.ResolvableType;

import dev.fleche.core.digest.Digest;
import dev.fleche.core.lock.LockException;
import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.storage.CorruptEntryException;
import dev.fleche.core.storage.KeyNotFoundException;
import dev.fleche.core.storage.ValueStorage;

/**
 * A Spring {@link Cache} over Fleche's {@link ValueStorage}, reading values as one declared type.
 * Entries live under keys derived from the cache name and the canonical digest of the Spring key,
 * so they are shared by every process on the same storage. A computing miss ({@code sync}) and
 * the conditional writes hold the entry's lock of Fleche's lock service, so across processes too
 * one computes and the others read its result. An entry that cannot be read back as the declared
 * type is reported and treated as a miss; so is one older than the cache's expiry.
 */
public final class FlecheCache implements Cache {

	private static final Logger logger = LoggerFactory.getLogger(FlecheCache.class);

	private final CacheRegion region;

	private final Type valueType;

	FlecheCache(CacheRegion region, Type valueType) {
		this.region = region;
		this.valueType = valueType;
	}

	@Override
	public String getName() {
		return this.region.name();
	}

	/** The value storage. */
	@Override
	public Object getNativeCache() {
		return this.region.values();
	}

	/** The type values are read as; {@code Object} reads JSON maps, lists and scalars. */
	public Type getValueType() {
		return this.valueType;
	}

	@Override
	public @Nullable ValueWrapper get(Object key) {
		return lookup(storageKey(key), this.valueType);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> @Nullable T get(Object key, @Nullable Class<T> type) {
		Digest storageKey = storageKey(key);
		if (type == null) {
			ValueWrapper wrapper = lookup(storageKey, this.valueType);
			return (wrapper != null) ? (T) wrapper.get() : null;
		}
		try {
			StoredEntry<?> entry = (StoredEntry<?>) this.region.values().load(storageKey.hex(), entryType(type));
			return (entry != null && !expired(entry)) ? type.cast(entry.value()) : null;
		}
		catch (KeyNotFoundException ex) {
			return null;
		}
		catch (CorruptEntryException | ClassCastException ex) {
			throw new IllegalStateException("Cached value of key '" + key + "' in cache '" + getName()
					+ "' is not of required type " + type.getName() + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> @Nullable T get(Object key, Callable<T> valueLoader) {
		Digest storageKey = storageKey(key);
		ValueWrapper hit = lookup(storageKey, this.valueType);
		if (hit != null) {
			return (T) hit.get();
		}
		try (LockHandle held = acquire(storageKey)) {
			hit = lookup(storageKey, this.valueType);
			if (hit != null) {
				return (T) hit.get();
			}
			T value;
			try {
				value = valueLoader.call();
			}
			catch (Exception ex) {
				throw new ValueRetrievalException(key, valueLoader, ex);
			}
			save(storageKey, value);
			return value;
		}
	}

	@Override
	public @Nullable CompletableFuture<?> retrieve(Object key) {
		Digest storageKey = storageKey(key);
		return CompletableFuture.supplyAsync(() -> lookup(storageKey, this.valueType), this.region.executor());
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> CompletableFuture<T> retrieve(Object key, Supplier<CompletableFuture<T>> valueLoader) {
		Digest storageKey = storageKey(key);
		return CompletableFuture.supplyAsync(() -> lookup(storageKey, this.valueType), this.region.executor())
			.thenCompose(hit -> (hit != null) ? CompletableFuture.completedFuture((T) hit.get())
					: loadLocked(storageKey, valueLoader));
	}

	@SuppressWarnings("unchecked")
	private <T> CompletableFuture<T> loadLocked(Digest storageKey, Supplier<CompletableFuture<T>> valueLoader) {
		return this.region.entryLock(storageKey)
			.acquireAsync(this.region.syncTimeout())
			.thenComposeAsync(handle -> {
				CompletableFuture<T> loaded;
				try {
					ValueWrapper hit = lookup(storageKey, this.valueType);
					loaded = (hit != null) ? CompletableFuture.completedFuture((T) hit.get()) : valueLoader.get()
						.thenApply(value -> {
							save(storageKey, value);
							return value;
						});
				}
				catch (RuntimeException | Error ex) {
					handle.close();
					throw ex;
				}
				return loaded.whenComplete((value, failure) -> handle.close());
			}, this.region.executor());
	}

	@Override
	public void put(Object key, @Nullable Object value) {
		save(storageKey(key), value);
	}

	@Override
	public @Nullable ValueWrapper putIfAbsent(Object key, @Nullable Object value) {
		Digest storageKey = storageKey(key);
		try (LockHandle held = acquire(storageKey)) {
			ValueWrapper existing = lookup(storageKey, this.valueType);
			if (existing == null) {
				save(storageKey, value);
			}
			return existing;
		}
	}

	@Override
	public void evict(Object key) {
		Digest storageKey = storageKey(key);
		this.region.values().evict(storageKey.hex());
		evictRecord(storageKey);
	}

	private void evictRecord(Digest storageKey) {
		EntryRecords records = this.region.records();
		if (records != null) {
			records.evict(getName(), storageKey);
		}
	}

	@Override
	public boolean evictIfPresent(Object key) {
		Digest storageKey = storageKey(key);
		try (LockHandle held = acquire(storageKey)) {
			boolean present = this.region.values().contains(storageKey.hex());
			this.region.values().evict(storageKey.hex());
			evictRecord(storageKey);
			return present;
		}
	}

	/** Removes every entry of this cache; lists the whole value storage once. */
	@Override
	public void clear() {
		invalidate();
	}

	@Override
	public boolean invalidate() {
		String prefix = this.region.keys().prefix();
		boolean any = false;
		for (Digest stored : this.region.values().list()) {
			if (stored.startsWith(prefix)) {
				this.region.values().evict(stored.hex());
				evictRecord(stored);
				any = true;
			}
		}
		return any;
	}

	private Digest storageKey(Object key) {
		return this.region.keys().storageKey(key);
	}

	private @Nullable ValueWrapper lookup(Digest storageKey, Type type) {
		try {
			StoredEntry<?> entry = (StoredEntry<?>) this.region.values().load(storageKey.hex(), entryType(type));
			if (entry == null || expired(entry)) {
				return null;
			}
			EntryRecords records = this.region.records();
			if (records != null) {
				records.hit(getName(), storageKey);
			}
			return new SimpleValueWrapper(entry.value());
		}
		catch (KeyNotFoundException ex) {
			return null;
		}
		catch (CorruptEntryException ex) {
			logger.warn("Cache '{}': entry {} cannot be read as {}; treated as a miss: {}", getName(), storageKey,
					type.getTypeName(), ex.getMessage());
			return null;
		}
	}

	private void save(Digest storageKey, @Nullable Object value) {
		if (value == null && !this.region.allowNullValues()) {
			throw new IllegalArgumentException("Cache '" + getName()
					+ "' is configured to not allow null values (fleche.cache.spring.allow-null-values=false)");
		}
		StoredEntry<?> entry = new StoredEntry<>(this.region.clock().millis(), value);
		EntryRecords records = this.region.records();
		if (records == null) {
			this.region.values().save(entry, storageKey);
		}
		else {
			records.save(getName(), storageKey, entry.storedAt(), () -> this.region.values().save(entry, storageKey));
		}
	}

	private static Type entryType(Type valueType) {
		return ResolvableType.forClassWithGenerics(StoredEntry.class, ResolvableType.forType(valueType)).getType();
	}

	private boolean expired(StoredEntry<?> entry) {
		Duration expireAfter = this.region.expireAfter();
		return expireAfter != null && this.region.clock().millis() - entry.storedAt() >= expireAfter.toMillis();
	}

	private LockHandle acquire(Digest storageKey) {
		try {
			return this.region.entryLock(storageKey).acquire(this.region.syncTimeout());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LockException(storageKey.hex(),
					"Interrupted while waiting for an entry of cache '" + getName() + "'", ex);
		}
	}

	@Override
	public String toString() {
		return "FlecheCache[" + getName() + " as " + this.valueType.getTypeName() + "]";
	}

}
