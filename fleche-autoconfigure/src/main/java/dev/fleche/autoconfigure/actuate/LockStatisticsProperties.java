package dev.fleche.autoconfigure.actuate;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.fleche.core.lock.stats.LockStatistics;

/**
 * Settings of the lock statistics behind the {@code locks} endpoint.
 */
@ConfigurationProperties("fleche.lock.statistics")
public class LockStatisticsProperties {

	/**
	 * Maximum number of lock keys tracked per lock service; beyond it the least recently used
	 * tenth is dropped, so a key per item id cannot grow memory without bound.
	 */
	private int maxKeys = LockStatistics.DEFAULT_MAX_KEYS;

	/** Maximum number of lock keys tracked per lock service. */
	public int getMaxKeys() {
		return this.maxKeys;
	}

	/** Sets the maximum number of lock keys tracked per lock service. */
	public void setMaxKeys(int maxKeys) {
		if (maxKeys < 1) {
			throw new IllegalArgumentException(
					"fleche.lock.statistics.max-keys must be at least 1, got " + maxKeys);
		}
		this.maxKeys = maxKeys;
	}

}
