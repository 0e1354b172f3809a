package dev.fleche.autoconfigure.springcache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the Spring Cache bridge under {@code fleche.cache.spring.*}.
 */
@ConfigurationProperties("fleche.cache.spring")
public class FlecheSpringCacheProperties {

	/**
	 * Whether Fleche provides the application's CacheManager when caching is enabled and no
	 * other CacheManager is defined.
	 */
	private boolean enabled = true;

	/**
	 * Names of the caches to create at start; when set, no other cache is created on demand.
	 * Empty: Boot's spring.cache.cache-names if set, else caches are created on demand.
	 */
	private List<String> cacheNames = new ArrayList<>();

	/** Whether null values are stored; when false, putting null is an error. */
	private boolean allowNullValues = true;

	/**
	 * Maximum time a {@code @Cacheable(sync = true)} miss waits for another thread or process
	 * computing the same key.
	 */
	private Duration syncTimeout = Duration.ofMinutes(1);

	/**
	 * How long an entry is served after it was stored, in every cache without its own expiry.
	 * Unset (the default): entries never expire.
	 */
	private @Nullable Duration expireAfter;

	/**
	 * Settings per cache name, such as caches.items.expire-after=10m. Unset (the default): every
	 * cache uses expire-after.
	 */
	private Map<String, CacheSettings> caches = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getCacheNames() {
		return this.cacheNames;
	}

	public void setCacheNames(List<String> cacheNames) {
		this.cacheNames = cacheNames;
	}

	public boolean isAllowNullValues() {
		return this.allowNullValues;
	}

	public void setAllowNullValues(boolean allowNullValues) {
		this.allowNullValues = allowNullValues;
	}

	public @Nullable Duration getExpireAfter() {
		return this.expireAfter;
	}

	public void setExpireAfter(@Nullable Duration expireAfter) {
		this.expireAfter = expireAfter;
	}

	public Map<String, CacheSettings> getCaches() {
		return this.caches;
	}

	public void setCaches(Map<String, CacheSettings> caches) {
		this.caches = caches;
	}

	public Duration getSyncTimeout() {
		return this.syncTimeout;
	}

	public void setSyncTimeout(Duration syncTimeout) {
		this.syncTimeout = syncTimeout;
	}

	/** Settings of one cache. */
	public static class CacheSettings {

		/** How long an entry of this cache is served after it was stored. */
		private @Nullable Duration expireAfter;

		public @Nullable Duration getExpireAfter() {
			return this.expireAfter;
		}

		public void setExpireAfter(@Nullable Duration expireAfter) {
			this.expireAfter = expireAfter;
		}

	}

}
