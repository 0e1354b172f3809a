package dev.fleche.autoconfigure.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The {@link FlecheRedisConnector} when {@code fleche.lock.backend=redis} or
 * {@code fleche.storage.type=redis} and Lettuce is on the classpath: on the client of the
 * application's {@link LettuceConnectionFactory} when there is one (its resources and settings
 * are shared), else on a client of its own built from {@code spring.data.redis.*}.
 */
@AutoConfiguration(afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
		beforeName = { "dev.fleche.autoconfigure.lock.FlecheLockAutoConfiguration",
				"dev.fleche.autoconfigure.storage.FlecheStorageAutoConfiguration" })
@ConditionalOnClass(name = "io.lettuce.core.RedisClient")
@Conditional(FlecheRedisAutoConfiguration.RedisWanted.class)
@Import({ FlecheRedisAutoConfiguration.WithSpringDataRedis.class, FlecheRedisAutoConfiguration.WithoutSpringDataRedis.class })
public final class FlecheRedisAutoConfiguration {

	/** With Spring Data Redis: the application's connection factory if there is one. */
	@ConditionalOnClass(name = "org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory")
	static class WithSpringDataRedis {

		@Bean
		@ConditionalOnMissingBean
		FlecheRedisConnector flecheRedisConnector(ObjectProvider<LettuceConnectionFactory> factory,
				Environment environment) {
			LettuceConnectionFactory application = factory.getIfUnique();
			if (application == null) {
				return new LettuceRedisConnector(RedisClients.fromEnvironment(environment), true);
			}
			AbstractRedisClient client;
			try {
				client = application.getNativeClient();
			}
			catch (IllegalStateException notStarted) {
				application.start();
				client = application.getNativeClient();
			}
			if (!(client instanceof RedisClient standalone)) {
				throw new IllegalStateException("Fleche's Redis backend needs a standalone Redis client; the application's "
						+ "LettuceConnectionFactory uses " + client.getClass().getName()
						+ " (Redis Cluster is not supported yet)");
			}
			return new LettuceRedisConnector(standalone, false);
		}

	}

	/** Without Spring Data Redis: a client of its own from {@code spring.data.redis.*}. */
	@ConditionalOnMissingClass("org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory")
	static class WithoutSpringDataRedis {

		@Bean
		@ConditionalOnMissingBean
		FlecheRedisConnector flecheRedisConnector(Environment environment) {
			return new LettuceRedisConnector(RedisClients.fromEnvironment(environment), true);
		}

	}

	/** Redis is asked for by the lock backend or the storage type. */
	static final class RedisWanted extends AnyNestedCondition {

		RedisWanted() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty(name = "fleche.lock.backend", havingValue = "redis")
		static final class LockBackend {

		}

		@ConditionalOnProperty(name = "fleche.storage.type", havingValue = "redis")
		static final class StorageType {

		}

	}

}
