package dev.fleche.autoconfigure.actuate.cache;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.cache.CallCacheListener;
import dev.fleche.core.digest.Digest;

/**
 * Hits and misses per function since the application started, and the last hit of each call seen
 * hitting in this process (at most {@value #MAX_CALLS} calls remembered).
 */
public final class CachedCallStatistics implements CallCacheListener {

	static final int MAX_CALLS = 100_000;

	private final ConcurrentHashMap<String, Counts> functions = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<Digest, Instant> lastHits = new ConcurrentHashMap<>();

	private final Clock clock;

	public CachedCallStatistics(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void hit(String function, Digest key) {
		counts(function).hits.increment();
		if (this.lastHits.size() < MAX_CALLS || this.lastHits.containsKey(key)) {
			this.lastHits.put(key, this.clock.instant());
		}
	}

	@Override
	public void miss(String function, long computeNanos) {
		counts(function).misses.increment();
	}

	private Counts counts(String function) {
		return this.functions.computeIfAbsent(function, name -> new Counts());
	}

	/** The functions that hit or missed since start. */
	Set<String> functions() {
		return Set.copyOf(this.functions.keySet());
	}

	long hits(String function) {
		Counts counts = this.functions.get(function);
		return (counts != null) ? counts.hits.sum() : 0;
	}

	long misses(String function) {
		Counts counts = this.functions.get(function);
		return (counts != null) ? counts.misses.sum() : 0;
	}

	@Nullable Instant lastHit(Digest key) {
		return this.lastHits.get(key);
	}

	void forget(Digest key) {
		this.lastHits.remove(key);
	}

	private static final class Counts {

		final LongAdder hits = new LongAdder();

		final LongAdder misses = new LongAdder();

	}

}
