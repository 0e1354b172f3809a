package dev.fleche.autoconfigure.springcache;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.cache.interceptor.SimpleKey;
import org.springframework.util.ReflectionUtils;

import dev.fleche.core.digest.Digest;
import dev.fleche.core.digest.Digester;
import dev.fleche.core.digest.UndigestableValueException;

/**
 * Maps a cache name and a Spring cache key to a storage key, without a call record: the first
 * {@value #NAME_HEX} hexadecimal characters come from the digest of the cache name (so a cache's
 * entries can be listed by prefix), the rest from the canonical digest of name and key. The
 * storage keys of the last few thousand keys are remembered by equality (as Spring's caches match
 * keys), so a repeated key is not digested again.
 */
final class SpringCacheKeys {

	/** Hexadecimal characters of the storage key taken from the cache name's digest. */
	static final int NAME_HEX = 16;

	private static final Field SIMPLE_KEY_PARAMS = simpleKeyParams();

	/** Most keys remembered per cache before the memo starts over. */
	static final int MEMO_SIZE = 4096;

	private final String name;

	private final String prefix;

	/** Storage keys of recently used Spring keys, by equality, as Spring's own caches match keys. */
	private final ConcurrentHashMap<Object, Digest> memo = new ConcurrentHashMap<>();

	SpringCacheKeys(String name) {
		this.name = name;
		this.prefix = Digester.standard().digest(List.of("fleche.spring-cache", name)).prefix(NAME_HEX);
	}

	/** The prefix every storage key of this cache starts with. */
	String prefix() {
		return this.prefix;
	}

	/**
	 * The storage key of {@code key}.
	 * @throws IllegalArgumentException if the key has no canonical form, naming the cache and type
	 */
	Digest storageKey(Object key) {
		Digest known = this.memo.get(key);
		if (known != null) {
			return known;
		}
		Digest computed = digest(key);
		if (this.memo.size() >= MEMO_SIZE) {
			this.memo.clear();
		}
		this.memo.put(key, computed);
		return computed;
	}

	private Digest digest(Object key) {
		Digest entry;
		try {
			entry = Digester.standard().digest(List.of(this.name, canonical(key)));
		}
		catch (UndigestableValueException ex) {
			throw new IllegalArgumentException("Key of type " + key.getClass().getName() + " of cache '" + this.name
					+ "' has no canonical form: " + ex.getMessage(), ex);
		}
		return Digest.of(this.prefix + entry.hex().substring(0, Digest.HEX_LENGTH - NAME_HEX));
	}

	private static Object canonical(Object key) {
		if (key instanceof SimpleKey simple) {
			Object[] params = (Object[]) ReflectionUtils.getField(SIMPLE_KEY_PARAMS, simple);
			return new SimpleKeyContent(Arrays.asList(params != null ? params : new Object[0]));
		}
		return key;
	}

	private static Field simpleKeyParams() {
		Field field = ReflectionUtils.findField(SimpleKey.class, "params");
		if (field == null) {
			throw new IllegalStateException("SimpleKey has no 'params' field in this Spring version");
		}
		ReflectionUtils.makeAccessible(field);
		return field;
	}

	/** The content of a {@link SimpleKey}, digested apart from a plain list of the same values. */
	record SimpleKeyContent(List<@Nullable Object> params) {
	}

}
