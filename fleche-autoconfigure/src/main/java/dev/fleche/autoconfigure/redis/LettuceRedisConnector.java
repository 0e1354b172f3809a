package dev.fleche.autoconfigure.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;

import dev.fleche.core.lock.redis.RedisLockBackend;
import dev.fleche.core.lock.redis.RedisLockSettings;
import dev.fleche.core.lock.spi.LockBackend;
import dev.fleche.core.serial.Serializer;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.storage.codec.EntryCodec;
import dev.fleche.core.storage.redis.RedisStorage;

/**
 * The connector on a Lettuce {@link RedisClient}: the application's (from its
 * {@code LettuceConnectionFactory}), which it leaves open, or its own, which it shuts down.
 */
public final class LettuceRedisConnector implements FlecheRedisConnector, DisposableBean {

	private final RedisClient client;

	private final boolean ownsClient;

	private final List<RedisLockBackend> backends = new ArrayList<>();

	private @Nullable StatefulRedisConnection<String, byte[]> storageConnection;

	public LettuceRedisConnector(RedisClient client, boolean ownsClient) {
		this.client = client;
		this.ownsClient = ownsClient;
	}

	/** The client. */
	public RedisClient client() {
		return this.client;
	}

	@Override
	public synchronized LockBackend lockBackend(RedisLockSettings settings) {
		RedisLockBackend backend = RedisLockBackend.create(this.client, settings);
		this.backends.add(backend);
		return backend;
	}

	@Override
	public ValueStorage values(String prefix, Serializer serializer, EntryCodec codec, @Nullable Duration ttl) {
		return RedisStorage.values(storageConnection(), prefix, serializer, codec, ttl);
	}

	@Override
	public CallStorage calls(String prefix, EntryCodec codec, @Nullable Duration ttl) {
		return RedisStorage.calls(storageConnection(), prefix, codec, ttl);
	}

	@Override
	public synchronized void destroy() {
		this.backends.forEach(RedisLockBackend::close);
		this.backends.clear();
		if (this.storageConnection != null) {
			this.storageConnection.close();
			this.storageConnection = null;
		}
		if (this.ownsClient) {
			this.client.shutdown();
		}
	}

	private synchronized StatefulRedisConnection<String, byte[]> storageConnection() {
		if (this.storageConnection == null) {
			this.storageConnection = this.client.connect(RedisStorage.CODEC);
		}
		return this.storageConnection;
	}

}
