package dev.fleche.core.storage.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.fleche.core.call.Call;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.CorruptEntryException;
import dev.fleche.core.storage.KeyNotFoundException;

/**
 * The part of call storage every backend shares: {@link #transform(UnaryOperator)} on top of
 * {@link #list()}, {@link #load(String)}, {@link #save(Call)} and {@link #evict(String)}, following
 * a {@link TransformPlan} made from a snapshot before anything is written. Every save is done before
 * any old key is removed, so an interruption leaves a call twice rather than not at all. A call
 * stored under a key other than its own (written by an older key scheme) is moved even by the
 * identity function, so {@code transform(UnaryOperator.identity())} re-keys a store.
 */
public abstract class AbstractCallStorage implements CallStorage {

	private static final Logger logger = LoggerFactory.getLogger(AbstractCallStorage.class);

	@Override
	public Map<Digest, Digest> transform(UnaryOperator<Call> fn) {
		Map<Digest, Call> snapshot = new LinkedHashMap<>();
		List<Digest> unreadable = new ArrayList<>();
		for (Digest key : list()) {
			try {
				snapshot.put(key, load(key.hex()));
			}
			catch (KeyNotFoundException ex) {
				// evicted meanwhile
			}
			catch (CorruptEntryException ex) {
				logger.warn("transform leaves a corrupt call record where it is: {}", ex.getMessage());
				unreadable.add(key);
			}
		}
		TransformPlan plan = TransformPlan.of(snapshot, unreadable, fn);
		plan.saves().forEach(this::save);
		plan.evictions().forEach(key -> evict(key.hex()));
		return plan.moved();
	}

}
