package dev.fleche.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Settings of the Redis storage ({@code fleche.storage.redis.*}). The connection comes from
 * {@code spring.data.redis.*}.
 */
public class RedisStorageProperties {

	/**
	 * Prefix of the keys of stored values and call records; values use '<prefix>values:', calls
	 * '<prefix>calls:'. 1 to 64 printable characters, no spaces or braces.
	 */
	private String prefix = "fleche:";

	/**
	 * How long each stored entry lives. Unset (the default): entries stay until evicted.
	 */
	private @Nullable Duration ttl;

	public String getPrefix() {
		return this.prefix;
	}

	public void setPrefix(String prefix) {
		this.prefix = prefix;
	}

	public @Nullable Duration getTtl() {
		return this.ttl;
	}

	public void setTtl(@Nullable Duration ttl) {
		this.ttl = ttl;
	}

}
