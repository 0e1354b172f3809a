package dev.fleche.core.storage.redis;

import java.util.UUID;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

import dev.fleche.core.testsupport.TestRedis;

/**
 * One connection to the shared test Redis for the storage tests of a JVM, and a fresh prefix per storage.
 */
final class RedisStorageFixture {

	private static StatefulRedisConnection<String, byte[]> connection;

	private RedisStorageFixture() {
	}

	static synchronized StatefulRedisConnection<String, byte[]> connection() {
		if (connection == null) {
			RedisClient client = RedisClient.create(TestRedis.shared().uri());
			connection = client.connect(RedisStorage.CODEC);
			Runtime.getRuntime().addShutdownHook(new Thread(client::shutdown, "fleche-test-redis-client-stop"));
		}
		return connection;
	}

	static String prefix() {
		return "store-" + UUID.randomUUID().toString().substring(0, 8) + ":";
	}

}
