package dev.fleche.benchmarks.lock;

import java.time.Duration;
import java.util.concurrent.locks.Lock;

import io.lettuce.core.RedisClient;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.integration.redis.util.RedisLockRegistry;

import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.redis.RedisLockBackend;
import dev.fleche.core.lock.redis.RedisLockSettings;
import dev.fleche.core.lock.spi.Grant;
import dev.fleche.core.lock.spi.KeyQueue;
import dev.fleche.core.lock.spi.Owner;

/**
 * The Redis locks compared: ours ({@code fleche}, the FIFO mutex of the Redis backend), Redisson's
 * {@code RLock} ({@code redisson}), and Spring Integration's {@code RedisLockRegistry} in its
 * pub/sub mode ({@code spring}), each on its own client to the same server.
 */
final class RedisPingLocks {

	private RedisPingLocks() {
	}

	/** Opens the lock of {@code kind} named {@code name} on the server at {@code host:port}. */
	static PingLock open(String kind, String host, int port, String name) {
		return switch (kind) {
			case "fleche" -> new Fleche(host, port, name);
			case "redisson" -> new RedissonLock(host, port, name);
			case "spring" -> new SpringLock(host, port, name);
			default -> throw new IllegalArgumentException("Unknown Redis lock kind " + kind);
		};
	}

	/** Ours. */
	static final class Fleche implements PingLock {

		private final RedisClient client;

		private final RedisLockBackend backend;

		private final KeyQueue queue;

		private final Owner owner = Owner.current();

		private Grant grant;

		Fleche(String host, int port, String name) {
			this.client = RedisClient.create("redis://" + host + ":" + port);
			this.backend = RedisLockBackend.create(this.client,
					RedisLockSettings.defaults().withPrefix("bench:").withWatchdogTimeout(Duration.ofSeconds(30)));
			this.queue = this.backend.queue(name);
		}

		@Override
		public void acquire() {
			Grant now = this.queue.tryAcquire(LockMode.MUTEX, this.owner, LockOptions.defaults());
			this.grant = (now != null) ? now
					: this.queue.enqueue(LockMode.MUTEX, this.owner, LockOptions.defaults()).join();
		}

		@Override
		public void release() {
			this.grant.release();
		}

		@Override
		public void close() {
			this.backend.close();
			this.client.shutdown();
		}

	}

	/** Redisson's RLock. */
	static final class RedissonLock implements PingLock {

		private final RedissonClient client;

		private final Lock lock;

		RedissonLock(String host, int port, String name) {
			Config config = new Config();
			config.useSingleServer().setAddress("redis://" + host + ":" + port);
			this.client = Redisson.create(config);
			this.lock = this.client.getLock("redisson:" + name);
		}

		@Override
		public void acquire() {
			this.lock.lock();
		}

		@Override
		public void release() {
			this.lock.unlock();
		}

		@Override
		public void close() {
			this.client.shutdown();
		}

	}

	/** Spring Integration's RedisLockRegistry, woken by pub/sub. */
	static final class SpringLock implements PingLock {

		private final LettuceConnectionFactory factory;

		private final RedisLockRegistry registry;

		private final Lock lock;

		SpringLock(String host, int port, String name) {
			this.factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(host, port));
			this.factory.afterPropertiesSet();
			this.factory.start();
			this.registry = new RedisLockRegistry(this.factory, "spring-bench");
			this.registry.setRedisLockType(RedisLockRegistry.RedisLockType.PUB_SUB_LOCK);
			this.lock = this.registry.obtain(name);
		}

		@Override
		public void acquire() {
			this.lock.lock();
		}

		@Override
		public void release() {
			this.lock.unlock();
		}

		@Override
		public void close() throws Exception {
			this.registry.destroy();
			this.factory.destroy();
		}

	}

}
