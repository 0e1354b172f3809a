package dev.fleche.core.cache;

import java.lang.reflect.Type;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.cache.expiry.ExpiringCallStorage;
import dev.fleche.core.call.Call;
import dev.fleche.core.call.CallTemplate;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.storage.AmbiguousKeyException;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.KeyManagement;
import dev.fleche.core.storage.KeyNotFoundException;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.storage.support.Keys;

/**
 * The cached calls as data, for application code: query them by template, load one by a short
 * digest prefix, read its result or arguments, evict it. Keys are expanded and shrunk across both
 * stores (call records and values): a prefix that names one call and one value is ambiguous, and a
 * shrunk prefix names one entry of either. Expired calls are not seen.
 */
public final class CachedCalls {

	private final CallStorage calls;

	private final ValueStorage values;

	public CachedCalls(CallStorage calls, ValueStorage values) {
		this(calls, values, Clock.systemUTC());
	}

	/** The cached calls, hiding those expired by {@code clock}'s time. */
	public CachedCalls(CallStorage calls, ValueStorage values, Clock clock) {
		this.calls = ExpiringCallStorage.wrap(calls, clock);
		this.values = values;
	}

	/** Every cached call that matches {@code template}. */
	public List<Call> query(CallTemplate template) {
		return this.calls.query(template);
	}

	/** The calls of one function, any version. */
	public List<Call> ofFunction(String function) {
		return this.calls.query(CallTemplate.any().withName(function));
	}

	/** The call named by a full digest or an unambiguous prefix of at least 4 characters. */
	public Call load(String digestOrPrefix) {
		return this.calls.load(digestOrPrefix);
	}

	/** The result of the call named by {@code digestOrPrefix}, read as {@code type}. */
	public @Nullable Object loadResult(String digestOrPrefix, Type type) {
		return this.values.load(load(digestOrPrefix).result().hex(), type);
	}

	/** A stored argument or result value, read as {@code type}. */
	public @Nullable Object loadValue(Digest digest, Type type) {
		return this.values.load(digest.hex(), type);
	}

	/** Forgets the call named by {@code digestOrPrefix}; its values stay (they may be shared). */
	public void evict(String digestOrPrefix) {
		this.calls.evict(digestOrPrefix);
	}

	/**
	 * The full key, of a call or of a value, that {@code prefix} names.
	 * @throws KeyNotFoundException if it names nothing in either store
	 * @throws AmbiguousKeyException if it names several entries across both stores; the exception
	 * says how many characters are needed
	 * @throws dev.fleche.core.digest.InvalidDigestException if it is not a prefix of 4 to 64
	 * lowercase hexadecimal characters
	 */
	public Digest expand(String prefix) {
		Keys.checkPrefix(prefix);
		if (Digest.isFullDigest(prefix)) {
			return Digest.of(prefix);
		}
		TreeSet<Digest> found = new TreeSet<>();
		boolean ambiguous = false;
		for (KeyManagement store : stores()) {
			try {
				found.add(store.expand(prefix));
			}
			catch (KeyNotFoundException ex) {
				// not in this store
			}
			catch (AmbiguousKeyException ex) {
				ambiguous = true;
			}
		}
		if (!ambiguous) {
			return Keys.resolve(prefix, new ArrayList<>(found), found.size());
		}
		List<Digest> matches = Keys.matching(allKeys(), prefix, Integer.MAX_VALUE);
		return Keys.resolve(prefix, matches, matches.size());
	}

	/**
	 * The shortest prefix of each key, at least 4 characters, that names it alone across both
	 * stores, computed from one listing of each.
	 * @throws IllegalArgumentException if {@code keys} is empty
	 * @throws KeyNotFoundException if a key is in neither store
	 */
	public Map<Digest, String> shrink(Collection<Digest> keys) {
		return Keys.shrink(keys, allKeys());
	}

	/** The keys of every cached call. */
	public List<Digest> list() {
		return this.calls.list();
	}

	private List<KeyManagement> stores() {
		return List.of(this.calls, this.values);
	}

	private List<Digest> allKeys() {
		TreeSet<Digest> all = new TreeSet<>(this.calls.list());
		all.addAll(this.values.list());
		return new ArrayList<>(all);
	}

}
