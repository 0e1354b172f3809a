package dev.fleche.core.cache;

import java.lang.reflect.Type;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.cache.expiry.ExpiringCallStorage;
import dev.fleche.core.call.Call;
import dev.fleche.core.call.CallTemplate;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.ValueStorage;

/**
 * The cached calls as data, for application code: query them by template, load one by a short
 * digest prefix, read its result or arguments, evict it. Expired calls are not seen.
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

	/** The full key a prefix names. */
	public Digest expand(String prefix) {
		return this.calls.expand(prefix);
	}

	/** The shortest unambiguous prefix of each key. */
	public Map<Digest, String> shrink(Collection<Digest> keys) {
		return this.calls.shrink(keys);
	}

	/** The keys of every cached call. */
	public List<Digest> list() {
		return this.calls.list();
	}

}
