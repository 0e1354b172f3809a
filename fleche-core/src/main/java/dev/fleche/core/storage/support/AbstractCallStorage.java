package dev.fleche.core.storage.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.fleche.core.call.Call;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.KeyNotFoundException;

/**
 * The part of call storage every backend shares: {@link #transform(UnaryOperator)} on top of
 * {@link #list()}, {@link #load(String)}, {@link #save(Call)} and {@link #evict(String)}. A call
 * stored under a key other than its own (written by an older key scheme) is moved even by the
 * identity function, so {@code transform(UnaryOperator.identity())} re-keys a store.
 */
public abstract class AbstractCallStorage implements CallStorage {

	@Override
	public Map<Digest, Digest> transform(UnaryOperator<Call> fn) {
		Map<Digest, Digest> moved = new LinkedHashMap<>();
		List<Digest> keys = list();
		for (Digest oldKey : keys) {
			Call before;
			try {
				before = load(oldKey.hex());
			}
			catch (KeyNotFoundException ex) {
				continue;
			}
			Call after = fn.apply(before);
			if (after == null || (after.equals(before) && after.key().equals(oldKey))) {
				continue;
			}
			Digest newKey = save(after);
			if (!newKey.equals(oldKey)) {
				evict(oldKey.hex());
				moved.put(oldKey, newKey);
			}
		}
		return moved;
	}

}
