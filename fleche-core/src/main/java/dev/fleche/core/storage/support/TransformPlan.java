package dev.fleche.core.storage.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import dev.fleche.core.call.Call;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.storage.TransformCollisionException;

/**
 * What a transform writes, worked out from a snapshot before anything is written: the function sees
 * each stored call once, as it was. A call returned unchanged (or {@code null}) stays where it is;
 * a changed call is saved under its own key; a call whose key changed is then removed from its old
 * key, unless another call ends there. If two calls would end under one key, or a call would end
 * under the key of an entry that stays (including one that could not be read), the plan is refused
 * with a {@link TransformCollisionException} naming the keys, whatever the listing order.
 *
 * @param saves the calls to save, each under its own key
 * @param evictions the old keys to remove once every save is done
 * @param moved old key to new key, for each call that moved
 */
public record TransformPlan(List<Call> saves, List<Digest> evictions, Map<Digest, Digest> moved) {

	public TransformPlan {
		saves = List.copyOf(saves);
		evictions = List.copyOf(evictions);
		moved = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(moved));
	}

	/**
	 * The plan for {@code fn} over {@code snapshot}.
	 * @param snapshot every readable call, by the key it is stored under
	 * @param unreadable keys stored but not readable (corrupt); they stay where they are
	 * @throws TransformCollisionException if two entries would end under one key
	 */
	public static TransformPlan of(Map<Digest, Call> snapshot, Collection<Digest> unreadable, UnaryOperator<Call> fn) {
		Map<Digest, List<Digest>> endingAt = new TreeMap<>();
		unreadable.forEach(key -> endingAt.computeIfAbsent(key, k -> new ArrayList<>()).add(key));
		List<Call> saves = new ArrayList<>();
		Map<Digest, Digest> moved = new TreeMap<>();
		for (Map.Entry<Digest, Call> entry : new TreeMap<>(snapshot).entrySet()) {
			Digest oldKey = entry.getKey();
			Call before = entry.getValue();
			Call after = fn.apply(before);
			Digest finalKey = oldKey;
			if (after != null && !(after.equals(before) && after.key().equals(oldKey))) {
				saves.add(after);
				finalKey = after.key();
				if (!finalKey.equals(oldKey)) {
					moved.put(oldKey, finalKey);
				}
			}
			endingAt.computeIfAbsent(finalKey, k -> new ArrayList<>()).add(oldKey);
		}
		Map<Digest, List<Digest>> collisions = new TreeMap<>();
		endingAt.forEach((key, sources) -> {
			if (sources.size() > 1) {
				collisions.put(key, List.copyOf(new TreeSet<>(sources)));
			}
		});
		if (!collisions.isEmpty()) {
			throw new TransformCollisionException(collisions);
		}
		Set<Digest> occupied = endingAt.keySet();
		List<Digest> evictions = moved.keySet().stream().filter(key -> !occupied.contains(key)).toList();
		return new TransformPlan(saves, evictions, moved);
	}

}
