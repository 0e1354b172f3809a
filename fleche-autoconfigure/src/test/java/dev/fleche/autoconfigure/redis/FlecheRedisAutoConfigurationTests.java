package dev.fleche.autoconfigure.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.fleche.autoconfigure.lock.FlecheLockAutoConfiguration;
import dev.fleche.autoconfigure.storage.FlecheStorageAutoConfiguration;
import dev.fleche.core.call.Call;
import dev.fleche.core.digest.Digester;
import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.testsupport.RedisServerProcess;
import dev.fleche.core.testsupport.TestRedis;

/**
 * {@code fleche.lock.backend=redis} and {@code fleche.storage.type=redis} on a real server.
 */
class FlecheRedisAutoConfigurationTests {

	private final RedisServerProcess server = TestRedis.shared();

	private final String prefix = "boot-" + UUID.randomUUID().toString().substring(0, 8) + ":";

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(FlecheRedisAutoConfiguration.class, FlecheLockAutoConfiguration.class,
					FlecheStorageAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.host=" + this.server.host(),
					"spring.data.redis.port=" + this.server.port(), "fleche.lock.redis.prefix=" + this.prefix,
					"fleche.storage.redis.prefix=" + this.prefix);
	}

	@Test
	void redisLockBackendFromSpringDataRedisProperties() {
		runner().withPropertyValues("fleche.lock.backend=redis", "fleche.lock.redis.watchdog-timeout=5s").run((context) -> {
			LockService service = context.getBean(LockService.class);
			assertThat(service.backendName()).isEqualTo("redis");
			try (LockHandle handle = service.lock("k").acquire()) {
				assertThat(handle.token()).isPositive();
				assertThat(this.server.command("EXISTS", this.prefix + "lock:{k}:h")).isEqualTo(":1");
			}
			assertThat(context.getBean(FlecheRedisConnector.class)).isInstanceOf(LettuceRedisConnector.class);
		});
	}

	@Test
	void redisStorageKeepsValuesAndCalls() {
		runner().withPropertyValues("fleche.storage.type=redis", "fleche.lock.backend=local").run((context) -> {
			ValueStorage values = context.getBean(ValueStorage.class);
			String key = values.save("hello").hex();
			assertThat(values.load(key, String.class)).isEqualTo("hello");
			CallStorage calls = context.getBean(CallStorage.class);
			Call call = new Call("f", "1", java.util.Map.of("a", Digester.standard().digest(1)),
					Digester.standard().digest(2), java.util.Map.of());
			calls.save(call);
			assertThat(calls.load(call.key().hex())).isEqualTo(call);
			assertThat(this.server.command("EXISTS", this.prefix + "values:{s}:e:" + key)).isEqualTo(":1");
		});
	}

	@Test
	void usesTheClientOfTheApplicationsLettuceConnectionFactory() {
		runner().withPropertyValues("fleche.lock.backend=redis")
			.withBean(LettuceConnectionFactory.class,
					() -> new LettuceConnectionFactory(new RedisStandaloneConfiguration(this.server.host(), this.server.port())))
			.run((context) -> {
				LettuceConnectionFactory factory = context.getBean(LettuceConnectionFactory.class);
				LettuceRedisConnector connector = (LettuceRedisConnector) context.getBean(FlecheRedisConnector.class);
				assertThat(connector.client()).isSameAs(factory.getNativeClient());
				context.getBean(LockService.class).lock("shared").acquire().release();
			});
	}

	@Test
	void withoutSpringDataRedisAClientOfItsOwnFromTheProperties() {
		runner().withPropertyValues("fleche.lock.backend=redis")
			.withClassLoader(new FilteredClassLoader(LettuceConnectionFactory.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.getBean(LockService.class).lock("own-client").acquire().release();
				assertThat(context.getBean(FlecheRedisConnector.class)).isInstanceOf(LettuceRedisConnector.class);
			});
	}

	@Test
	void missingLettuceIsAStartUpErrorNamingTheDependency() {
		runner().withPropertyValues("fleche.lock.backend=redis")
			.withClassLoader(new FilteredClassLoader(RedisClient.class))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("fleche.lock.backend=redis")
				.hasMessageContaining("io.lettuce:lettuce-core"));
		runner().withPropertyValues("fleche.storage.type=redis")
			.withClassLoader(new FilteredClassLoader(RedisClient.class))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("fleche.storage.type=redis")
				.hasMessageContaining("io.lettuce:lettuce-core"));
	}

	@Test
	void badPrefixIsAStartUpErrorNamingIt() {
		runner().withPropertyValues("fleche.lock.backend=redis", "fleche.lock.redis.prefix=bad{prefix}")
			.run((context) -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("bad{prefix}"));
	}

	@Test
	void nothingRedisWithoutTheSettings() {
		runner().withPropertyValues("fleche.lock.backend=local", "fleche.storage.type=memory")
			.run((context) -> assertThat(context).doesNotHaveBean(FlecheRedisConnector.class));
	}

}
