package dev.fleche.core.storage.sync;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.call.Call;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.digest.Digester;
import dev.fleche.core.digest.InvalidDigestException;
import dev.fleche.core.digest.UndigestableValueException;
import dev.fleche.core.storage.KeyManagement;
import dev.fleche.core.storage.KeyNotFoundException;

/**
 * Tells the intent and the keys of a call on a storage interface ({@link KeyManagement},
 * {@code ValueStorage}, {@code CallStorage}). Prefixes are expanded first, so locks are always taken
 * on full digests, never on the text a caller passed. Shared by the core decorators and the Spring
 * advice.
 */
public final class StorageOperations {

	private StorageOperations() {
	}

	/**
	 * The operation that {@code method} called with {@code args} on {@code target} performs, or
	 * {@code null} for a method that needs no lock ({@code Object} methods).
	 */
	public static @Nullable StorageOperation resolve(Method method, @Nullable Object @Nullable [] args,
			KeyManagement target) {
		if (method.getDeclaringClass() == Object.class) {
			return null;
		}
		Object first = (args != null && args.length > 0) ? args[0] : null;
		String name = method.getName();
		return switch (name) {
			case "list", "query" -> new StorageOperation(Intent.READ, List.of(), false, name);
			case "expand", "contains", "load", "result" -> new StorageOperation(Intent.READ, expanded(first, target), false,
					name);
			case "shrink", "storedSize" -> new StorageOperation(Intent.READ, shrinkKeys(first), false, name);
			case "evict" -> new StorageOperation(Intent.WRITE, expanded(first, target), false, name);
			case "save" -> new StorageOperation(Intent.WRITE, saveKey(args), false, name);
			default -> new StorageOperation(Intent.WRITE, List.of(), true, name);
		};
	}

	private static List<Digest> expanded(@Nullable Object digestOrPrefix, KeyManagement target) {
		if (!(digestOrPrefix instanceof String text)) {
			return List.of();
		}
		try {
			return List.of(target.expand(text));
		}
		catch (KeyNotFoundException | InvalidDigestException ex) {
			// nothing to lock: the storage itself answers (false, not found, or the typed error)
			return List.of();
		}
	}

	private static List<Digest> shrinkKeys(@Nullable Object keys) {
		if (keys instanceof Digest digest) {
			return List.of(digest);
		}
		if (keys instanceof Collection<?> collection) {
			TreeSet<Digest> sorted = new TreeSet<>();
			collection.forEach(key -> sorted.add((Digest) key));
			return List.copyOf(sorted);
		}
		return List.of();
	}

	private static List<Digest> saveKey(@Nullable Object @Nullable [] args) {
		if (args == null || args.length == 0) {
			return List.of();
		}
		if (args.length == 2 && args[1] instanceof Digest key) {
			return List.of(key);
		}
		if (args[0] instanceof Call call) {
			return List.of(call.key());
		}
		try {
			return List.of(Digester.standard().digest(args[0]));
		}
		catch (UndigestableValueException ex) {
			// the storage itself rejects the value with a SaveException; nothing to lock
			return List.of();
		}
	}

}
