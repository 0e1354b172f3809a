package dev.fleche.core.storage.redis;

import java.time.Duration;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import org.jspecify.annotations.Nullable;

import dev.fleche.core.serial.Serializer;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.storage.codec.EntryCodec;
import dev.fleche.core.storage.support.EncodedValueStorage;

/**
 * Storages on Redis. Values and calls under one prefix share the digest index, so give them
 * different prefixes (for example {@code fleche:values:} and {@code fleche:calls:}).
 */
public final class RedisStorage {

	/** The codec of the connections the storages need: string keys, byte-array values. */
	public static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

	private RedisStorage() {
	}

	/**
	 * A value storage.
	 * @param connection opened with {@link #CODEC}; the caller closes it
	 * @param prefix key prefix
	 * @param ttl expiry of each entry, or {@code null} for none
	 */
	public static ValueStorage values(StatefulRedisConnection<String, byte[]> connection, String prefix,
			Serializer serializer, EntryCodec codec, @Nullable Duration ttl) {
		return new EncodedValueStorage(new RedisByteStore(connection, prefix, ttl), serializer, codec);
	}

	/**
	 * A call storage.
	 * @param connection opened with {@link #CODEC}; the caller closes it
	 * @param prefix key prefix
	 * @param ttl expiry of each record, or {@code null} for none
	 */
	public static CallStorage calls(StatefulRedisConnection<String, byte[]> connection, String prefix, EntryCodec codec,
			@Nullable Duration ttl) {
		return new RedisCallStorage(connection, new RedisByteStore(connection, prefix, ttl), prefix, codec);
	}

}
