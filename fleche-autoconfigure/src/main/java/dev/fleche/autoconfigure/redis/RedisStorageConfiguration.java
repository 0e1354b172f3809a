package dev.fleche.autoconfigure.redis;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.fleche.autoconfigure.FlecheProperties;
import dev.fleche.autoconfigure.RedisStorageProperties;
import dev.fleche.autoconfigure.storage.StorageProxies;
import dev.fleche.core.serial.Serializer;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.storage.codec.EntryCodec;

/**
 * The storage beans of {@code fleche.storage.type=redis}: values under {@code <prefix>values:},
 * calls under {@code <prefix>calls:}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "fleche.storage.type", havingValue = "redis")
public class RedisStorageConfiguration {

	private static final String SETTING = "fleche.storage.type=redis";

	@Bean
	@ConditionalOnMissingBean
	ValueStorage flecheValueStorage(FlecheProperties properties, ObjectProvider<FlecheRedisConnector> connector,
			Serializer serializer, EntryCodec codec) {
		RedisStorageProperties redis = properties.getStorage().getRedis();
		return StorageProxies.wrap(ValueStorage.class,
				FlecheRedisConnector.require(connector, SETTING).values(redis.getPrefix() + "values:", serializer, codec,
						redis.getTtl()),
				properties.getStorage().getLocking());
	}

	@Bean
	@ConditionalOnMissingBean
	CallStorage flecheCallStorage(FlecheProperties properties, ObjectProvider<FlecheRedisConnector> connector,
			EntryCodec codec) {
		RedisStorageProperties redis = properties.getStorage().getRedis();
		return StorageProxies.wrap(CallStorage.class,
				FlecheRedisConnector.require(connector, SETTING).calls(redis.getPrefix() + "calls:", codec, redis.getTtl()),
				properties.getStorage().getLocking());
	}

}
