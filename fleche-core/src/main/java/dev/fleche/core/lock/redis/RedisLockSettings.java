package dev.fleche.core.lock.redis;

import java.time.Duration;
import java.util.Objects;

import dev.fleche.core.redis.RedisKeyPrefix;

/**
 * Settings of the Redis lock backend.
 *
 * @param prefix prepended to every key and channel name; 1 to 64 printable characters without
 * spaces or braces (braces would break the hash tags that keep one lock's keys in one slot)
 * @param watchdogTimeout how long a grant without an explicit lease, and a queued request,
 * survive their process: the process renews them every third of it, so a dead process's locks
 * free within it; from 100 ms to 1 day
 */
public record RedisLockSettings(String prefix, Duration watchdogTimeout) {

	/** The default prefix. */
	public static final String DEFAULT_PREFIX = "fleche:";

	/** The default watchdog timeout. */
	public static final Duration DEFAULT_WATCHDOG_TIMEOUT = Duration.ofSeconds(30);

	public RedisLockSettings {
		Objects.requireNonNull(prefix, "prefix");
		Objects.requireNonNull(watchdogTimeout, "watchdogTimeout");
		validatePrefix(prefix);
		if (watchdogTimeout.compareTo(Duration.ofMillis(100)) < 0 || watchdogTimeout.compareTo(Duration.ofDays(1)) > 0) {
			throw new IllegalArgumentException(
					"The Redis lock watchdog timeout must be between 100 ms and 1 day, got " + watchdogTimeout);
		}
	}

	/** The defaults: prefix {@value #DEFAULT_PREFIX}, watchdog timeout 30 s. */
	public static RedisLockSettings defaults() {
		return new RedisLockSettings(DEFAULT_PREFIX, DEFAULT_WATCHDOG_TIMEOUT);
	}

	/** These settings with another prefix. */
	public RedisLockSettings withPrefix(String prefix) {
		return new RedisLockSettings(prefix, this.watchdogTimeout);
	}

	/** These settings with another watchdog timeout. */
	public RedisLockSettings withWatchdogTimeout(Duration watchdogTimeout) {
		return new RedisLockSettings(this.prefix, watchdogTimeout);
	}

	/**
	 * Checks a key prefix: 1 to 64 printable ASCII characters, no space, no braces.
	 * @throws IllegalArgumentException naming what is wrong
	 */
	public static void validatePrefix(String prefix) {
		RedisKeyPrefix.validate(prefix);
	}

}
