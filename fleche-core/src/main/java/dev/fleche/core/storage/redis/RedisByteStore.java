package dev.fleche.core.storage.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.lettuce.core.Range;
import io.lettuce.core.Limit;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.jspecify.annotations.Nullable;

import dev.fleche.core.digest.Digest;
import dev.fleche.core.redis.RedisKeyPrefix;
import dev.fleche.core.storage.StorageException;
import dev.fleche.core.storage.support.ByteStore;

/**
 * Entries of bytes on Redis. Under the prefix {@code P} and the hash tag {@code {s}} (so every key
 * of a store is in one slot of a Redis Cluster): {@code P{s}:e:<digest>} holds an entry,
 * {@code P{s}:idx} is a sorted set of every digest with score 0, read with {@code ZRANGEBYLEX} for
 * prefix lookups (cost O(log N + matches), never a {@code KEYS} scan), and {@code P{s}:exp} holds
 * the expiry time of entries that have one, so expired digests leave the index before lookups.
 * Writes and removals change an entry and the indexes in one script.
 */
public final class RedisByteStore implements ByteStore {

	private static final String PUT = """
			redis.call('SET', KEYS[1], ARGV[1])
			redis.call('ZADD', KEYS[2], 0, ARGV[2])
			local ttl = tonumber(ARGV[3])
			if ttl > 0 then
			  redis.call('PEXPIRE', KEYS[1], ttl)
			  local t = redis.call('TIME')
			  redis.call('ZADD', KEYS[3], tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + ttl, ARGV[2])
			else
			  redis.call('ZREM', KEYS[3], ARGV[2])
			end
			return 1
			""";

	private static final String REMOVE = """
			local n = redis.call('DEL', KEYS[1])
			redis.call('ZREM', KEYS[2], ARGV[1])
			redis.call('ZREM', KEYS[3], ARGV[1])
			return n
			""";

	private static final String PURGE = """
			local t = redis.call('TIME')
			local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
			local gone = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, 1000)
			for _, hex in ipairs(gone) do
			  redis.call('ZREM', KEYS[1], hex)
			  redis.call('ZREM', KEYS[2], hex)
			end
			return #gone
			""";

	private final RedisCommands<String, byte[]> commands;

	private final String prefix;

	private final String index;

	private final String expiries;

	private final @Nullable Duration defaultTtl;

	/**
	 * @param connection a connection with string keys and byte-array values; the caller closes it
	 * @param prefix the key prefix, validated like the lock backend's
	 * @param defaultTtl how long an entry lives when written by {@link #put(Digest, byte[])}, or
	 * {@code null} to keep entries until removed
	 */
	public RedisByteStore(StatefulRedisConnection<String, byte[]> connection, String prefix, @Nullable Duration defaultTtl) {
		Objects.requireNonNull(connection, "connection");
		Objects.requireNonNull(prefix, "prefix");
		RedisKeyPrefix.validate(prefix);
		if (defaultTtl != null && (defaultTtl.isNegative() || defaultTtl.isZero())) {
			throw new IllegalArgumentException("An entry expiry must be positive, got " + defaultTtl);
		}
		this.commands = connection.sync();
		this.prefix = prefix + "{s}:";
		this.index = this.prefix + "idx";
		this.expiries = this.prefix + "exp";
		this.defaultTtl = defaultTtl;
	}

	@Override
	public void put(Digest key, byte[] bytes) {
		put(key, bytes, this.defaultTtl);
	}

	/**
	 * Stores {@code bytes} under {@code key}, replacing what was there; the entry expires after
	 * {@code ttl}, or never if {@code null}.
	 */
	public void put(Digest key, byte[] bytes, @Nullable Duration ttl) {
		long millis = (ttl != null) ? Math.max(1, ttl.toMillis()) : 0;
		run(() -> this.commands.eval(PUT, ScriptOutputType.INTEGER, new String[] { entry(key), this.index, this.expiries },
				bytes, ascii(key.hex()), ascii(Long.toString(millis))));
	}

	@Override
	public byte @Nullable [] get(Digest key) {
		return run(() -> this.commands.get(entry(key)));
	}

	@Override
	public boolean remove(Digest key) {
		Long removed = run(() -> this.commands.eval(REMOVE, ScriptOutputType.INTEGER,
				new String[] { entry(key), this.index, this.expiries }, ascii(key.hex())));
		return removed != null && removed > 0;
	}

	@Override
	public boolean contains(Digest key) {
		Long count = run(() -> this.commands.exists(entry(key)));
		return count != null && count > 0;
	}

	@Override
	public List<Digest> keys() {
		purgeExpired();
		return digests(run(() -> this.commands.zrange(this.index, 0, -1)));
	}

	@Override
	public List<Digest> matching(String prefix, int limit) {
		purgeExpired();
		Range<byte[]> range = Range.create(ascii(prefix), ascii(prefix + "g"));
		return digests(run(() -> this.commands.zrangebylex(this.index, range, Limit.create(0, limit))));
	}

	@Override
	public String describe(Digest key) {
		return "redis:" + entry(key);
	}

	private void purgeExpired() {
		run(() -> this.commands.eval(PURGE, ScriptOutputType.INTEGER, new String[] { this.index, this.expiries }));
	}

	private String entry(Digest key) {
		return this.prefix + "e:" + key.hex();
	}

	private static List<Digest> digests(List<byte[]> members) {
		List<Digest> digests = new ArrayList<>(members.size());
		for (byte[] member : members) {
			digests.add(Digest.of(new String(member, StandardCharsets.US_ASCII)));
		}
		return digests;
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	private static <T> T run(java.util.function.Supplier<T> command) {
		try {
			return command.get();
		}
		catch (io.lettuce.core.RedisException ex) {
			throw new StorageException("Redis storage failed: " + ex.getMessage(), ex);
		}
	}

	@Override
	public String toString() {
		return "RedisByteStore[" + this.prefix + "]";
	}

}
