package dev.fleche.core.lock.support;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.lock.HeldModes;

/**
 * The modes each thread of this JVM holds per key through synchronous mode grants (read/write
 * sides, FIFO modes), so a thread that would wait for its own grants is told at once.
 */
final class ThreadHolds {

	private record Holder(String key, long threadId) {
	}

	private final ConcurrentHashMap<Holder, Map<String, Integer>> holds = new ConcurrentHashMap<>();

	void add(String key, long threadId, String mode) {
		this.holds.compute(new Holder(key, threadId), (holder, modes) -> {
			Map<String, Integer> counts = (modes != null) ? modes : new HashMap<>(2);
			counts.merge(mode, 1, Integer::sum);
			return counts;
		});
	}

	void remove(String key, long threadId, String mode) {
		this.holds.computeIfPresent(new Holder(key, threadId), (holder, counts) -> {
			counts.computeIfPresent(mode, (name, count) -> (count == 1) ? null : count - 1);
			return counts.isEmpty() ? null : counts;
		});
	}

	/** The modes {@code threadId} holds on {@code key}, or {@code null} if none. */
	@Nullable HeldModes heldBy(String key, long threadId) {
		HeldModes[] held = new HeldModes[1];
		this.holds.computeIfPresent(new Holder(key, threadId), (holder, counts) -> {
			held[0] = HeldModes.of(new HashMap<>(counts));
			return counts;
		});
		return held[0];
	}

}
