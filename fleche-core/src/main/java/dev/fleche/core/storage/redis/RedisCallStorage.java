package dev.fleche.core.storage.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.fleche.core.call.Call;
import dev.fleche.core.call.CallTemplate;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.storage.CorruptEntryException;
import dev.fleche.core.storage.KeyNotFoundException;
import dev.fleche.core.storage.StorageException;
import dev.fleche.core.storage.codec.EntryCodec;
import dev.fleche.core.storage.support.EncodedCallStorage;

/**
 * Call records on Redis, with an index per function name ({@code P{s}:fn:<name>}, a set of
 * digests). A query that names a function reads that function's calls only (one {@code SMEMBERS}
 * plus one read per call); a query without a name reads every call. Index members whose record is
 * gone (evicted or expired) are dropped when a query meets them.
 */
public final class RedisCallStorage extends EncodedCallStorage {

	private static final Logger logger = LoggerFactory.getLogger(RedisCallStorage.class);

	private final RedisCommands<String, byte[]> commands;

	private final String functions;

	public RedisCallStorage(StatefulRedisConnection<String, byte[]> connection, RedisByteStore store, String prefix,
			EntryCodec codec) {
		super(store, codec);
		this.commands = connection.sync();
		this.functions = prefix + "{s}:fn:";
	}

	@Override
	public Digest save(Call call) {
		Digest key = super.save(call);
		try {
			this.commands.sadd(this.functions + call.name(), ascii(key.hex()));
		}
		catch (RedisException ex) {
			throw new StorageException("Cannot index call " + key + " under its function: " + ex.getMessage(), ex);
		}
		return key;
	}

	@Override
	public List<Call> query(CallTemplate template) {
		String name = template.name();
		if (name == null) {
			return super.query(template);
		}
		Set<byte[]> members;
		try {
			members = this.commands.smembers(this.functions + name);
		}
		catch (RedisException ex) {
			throw new StorageException("Cannot read the calls of function " + name + ": " + ex.getMessage(), ex);
		}
		List<Digest> keys = new ArrayList<>(members.size());
		for (byte[] member : members) {
			keys.add(Digest.of(new String(member, StandardCharsets.US_ASCII)));
		}
		keys.sort(null);
		List<Call> matches = new ArrayList<>();
		for (Digest key : keys) {
			try {
				Call call = load(key.hex());
				if (template.matches(call)) {
					matches.add(call);
				}
			}
			catch (KeyNotFoundException ex) {
				this.commands.srem(this.functions + name, ascii(key.hex()));
			}
			catch (CorruptEntryException ex) {
				logger.warn("Skipping corrupt call record: {}", ex.getMessage());
			}
		}
		return matches;
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
