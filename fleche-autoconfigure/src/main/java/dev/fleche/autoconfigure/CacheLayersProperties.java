package dev.fleche.autoconfigure;

import java.time.Duration;

/**
 * Settings of layered caches, under {@code fleche.cache.layers}.
 */
public class CacheLayersProperties {

	/**
	 * How long a nearer layer may serve a call record it holds before it reads the farthest layer
	 * again; bounds how long a call re-saved or evicted by another host can still be served here.
	 * Values are content-addressed, so near copies of values are never stale.
	 */
	private Duration nearTtl = Duration.ofSeconds(30);

	public Duration getNearTtl() {
		return this.nearTtl;
	}

	public void setNearTtl(Duration nearTtl) {
		this.nearTtl = nearTtl;
	}

}
