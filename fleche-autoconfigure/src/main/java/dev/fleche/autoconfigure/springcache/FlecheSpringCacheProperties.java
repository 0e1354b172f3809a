package dev.fleche.autoconfigure.springcache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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

	public Duration getSyncTimeout() {
		return this.syncTimeout;
	}

	public void setSyncTimeout(Duration syncTimeout) {
		this.syncTimeout = syncTimeout;
	}

}
