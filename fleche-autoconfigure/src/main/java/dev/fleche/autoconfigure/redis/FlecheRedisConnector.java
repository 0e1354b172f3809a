package dev.fleche.autoconfigure.redis;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;

import dev.fleche.core.lock.redis.RedisLockSettings;
import dev.fleche.core.lock.spi.LockBackend;
import dev.fleche.core.serial.Serializer;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.storage.codec.EntryCodec;

/**
 * Fleche's access to Redis: lock backends and storages on one client. Its signatures name no
 * Lettuce type, so configurations can ask for it when Lettuce is missing and report that.
 */
public interface FlecheRedisConnector {

	/** A lock backend; closed with this connector at the latest. */
	LockBackend lockBackend(RedisLockSettings settings);

	/** A value storage under {@code prefix}. */
	ValueStorage values(String prefix, Serializer serializer, EntryCodec codec, @Nullable Duration ttl);

	/** A call storage under {@code prefix}. */
	CallStorage calls(String prefix, EntryCodec codec, @Nullable Duration ttl);

	/**
	 * The connector, or a start-up error naming the dependency to add.
	 * @param provider the connector bean, absent when Lettuce is not on the classpath
	 * @param setting the setting that asked for Redis, for the message
	 */
	static FlecheRedisConnector require(ObjectProvider<FlecheRedisConnector> provider, String setting) {
		FlecheRedisConnector connector = provider.getIfAvailable();
		if (connector == null) {
			throw new IllegalStateException(setting + " needs the Redis client Lettuce on the classpath: add the "
					+ "dependency io.lettuce:lettuce-core (or org.springframework.boot:spring-boot-starter-data-redis)");
		}
		return connector;
	}

}
