package dev.fleche.core.storage.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.fleche.core.call.Call;
import dev.fleche.core.call.CallTemplate;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.storage.CorruptEntryException;
import dev.fleche.core.storage.KeyNotFoundException;
import dev.fleche.core.storage.SaveException;
import dev.fleche.core.storage.codec.EntryCodec;

/**
 * A call storage that keeps each call record as JSON in the {@link EntryCodec} envelope in a
 * {@link ByteStore}. Queries read every record and match in memory; a corrupt record is reported in
 * the log and skipped, so one bad entry never hides the others.
 */
public class EncodedCallStorage extends AbstractCallStorage {

	private static final Logger logger = LoggerFactory.getLogger(EncodedCallStorage.class);

	private static final String FORMAT = "call-json";

	private final KeyHelper keys;

	private final EntryCodec codec;

	public EncodedCallStorage(ByteStore store, EntryCodec codec) {
		this.keys = new KeyHelper(store);
		this.codec = Objects.requireNonNull(codec, "codec");
	}

	@Override
	public Digest save(Call call) {
		Digest key = call.key();
		try {
			this.keys.bytes().put(key, this.codec.encode(key, FORMAT, CallJson.write(call)));
		}
		catch (RuntimeException ex) {
			throw (ex instanceof SaveException) ? ex : new SaveException("Cannot write call " + key + ": " + ex.getMessage(), ex);
		}
		return key;
	}

	@Override
	public Call load(String digestOrPrefix) {
		Digest key = expand(digestOrPrefix);
		byte[] bytes = this.keys.bytes().get(key);
		if (bytes == null) {
			throw new KeyNotFoundException(digestOrPrefix);
		}
		String where = this.keys.bytes().describe(key);
		EntryCodec.Decoded decoded = this.codec.decode(key, bytes, where);
		try {
			return CallJson.read(decoded.payload());
		}
		catch (RuntimeException | StackOverflowError ex) {
			throw new CorruptEntryException(where, "call record cannot be read: " + ex.getMessage(), ex);
		}
	}

	@Override
	public List<Call> query(CallTemplate template) {
		List<Call> matches = new ArrayList<>();
		for (Digest key : list()) {
			try {
				Call call = load(key.hex());
				if (template.matches(call)) {
					matches.add(call);
				}
			}
			catch (KeyNotFoundException ex) {
				// evicted meanwhile
			}
			catch (CorruptEntryException ex) {
				logger.warn("Skipping corrupt call record: {}", ex.getMessage());
			}
		}
		return matches;
	}

	@Override
	public List<Digest> list() {
		return this.keys.list();
	}

	@Override
	public Digest expand(String digestOrPrefix) {
		return this.keys.expand(digestOrPrefix);
	}

	@Override
	public Map<Digest, String> shrink(Collection<Digest> keys) {
		return this.keys.shrink(keys);
	}

	@Override
	public boolean contains(String digestOrPrefix) {
		return this.keys.contains(digestOrPrefix);
	}

	@Override
	public void evict(String digestOrPrefix) {
		this.keys.evict(digestOrPrefix);
	}

	@Override
	public long storedSize(Digest key) {
		return this.keys.storedSize(key);
	}

	private static final class KeyHelper extends AbstractKeyManagement {

		KeyHelper(ByteStore store) {
			super(store);
		}

		ByteStore bytes() {
			return store();
		}

	}

}
