package dev.fleche.autoconfigure;

import java.time.Duration;

/**
 * Settings of the Redis lock backend ({@code fleche.lock.redis.*}). The connection comes from
 * {@code spring.data.redis.*}.
 */
public class RedisLockProperties {

	/**
	 * Prefix of every lock key and channel: 1 to 64 printable characters, no spaces or braces.
	 */
	private String prefix = "fleche:";

	/**
	 * How long a grant without a lease, and a queued request, outlive their process: they are
	 * renewed every third of it while the process runs, and free within it when it dies.
	 */
	private Duration watchdogTimeout = Duration.ofSeconds(30);

	public String getPrefix() {
		return this.prefix;
	}

	public void setPrefix(String prefix) {
		this.prefix = prefix;
	}

	public Duration getWatchdogTimeout() {
		return this.watchdogTimeout;
	}

	public void setWatchdogTimeout(Duration watchdogTimeout) {
		this.watchdogTimeout = watchdogTimeout;
	}

}
