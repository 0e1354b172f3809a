package dev.fleche.core.lock.local;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Running averages by key; each operation is one atomic map operation. Bounded: an average not
 * added to for {@link #IDLE_EXPIRY} is forgotten, and past {@link #MAX_KEYS} keys the least
 * recently added-to are dropped, so averages that are never popped cannot fill the heap.
 */
final class LocalAverages {

	/** The most keys kept. */
	static final int MAX_KEYS = 100_000;

	/** How long an average lives after its last add. */
	static final Duration IDLE_EXPIRY = Duration.ofHours(24);

	private final ConcurrentHashMap<String, Sum> sums = new ConcurrentHashMap<>();

	private final AtomicBoolean trimming = new AtomicBoolean();

	private final Clock clock;

	private final int maxKeys;

	private final long expiryMillis;

	LocalAverages(Clock clock) {
		this(clock, MAX_KEYS, IDLE_EXPIRY);
	}

	LocalAverages(Clock clock, int maxKeys, Duration expiry) {
		this.clock = clock;
		this.maxKeys = maxKeys;
		this.expiryMillis = expiry.toMillis();
	}

	void add(String key, double value) {
		long now = this.clock.millis();
		this.sums.merge(key, new Sum(value, 1, now), (old, added) -> isExpired(old, now) ? added : old.plus(added));
		if (this.sums.size() > this.maxKeys) {
			trim(now);
		}
	}

	OptionalDouble get(String key) {
		Sum sum = this.sums.get(key);
		if (sum == null || isExpired(sum, this.clock.millis())) {
			return OptionalDouble.empty();
		}
		return OptionalDouble.of(sum.average());
	}

	OptionalDouble pop(String key) {
		Sum sum = this.sums.remove(key);
		if (sum == null || isExpired(sum, this.clock.millis())) {
			return OptionalDouble.empty();
		}
		return OptionalDouble.of(sum.average());
	}

	int size() {
		return this.sums.size();
	}

	private boolean isExpired(Sum sum, long now) {
		return now - sum.touched() >= this.expiryMillis;
	}

	/** Drops expired averages, then the least recently added-to, down to nine tenths of the bound. */
	private void trim(long now) {
		if (!this.trimming.compareAndSet(false, true)) {
			return;
		}
		try {
			this.sums.entrySet().removeIf(entry -> isExpired(entry.getValue(), now));
			int excess = this.sums.size() - this.maxKeys * 9 / 10;
			if (excess > 0) {
				List<Map.Entry<String, Sum>> oldest = new ArrayList<>(this.sums.entrySet());
				oldest.sort(Comparator.comparingLong(entry -> entry.getValue().touched()));
				for (int i = 0; i < excess && i < oldest.size(); i++) {
					this.sums.remove(oldest.get(i).getKey(), oldest.get(i).getValue());
				}
			}
		}
		finally {
			this.trimming.set(false);
		}
	}

	/** An immutable total, count and time of the last add. */
	private record Sum(double total, long count, long touched) {

		Sum plus(Sum other) {
			return new Sum(this.total + other.total, this.count + other.count, Math.max(this.touched, other.touched));
		}

		double average() {
			return this.total / this.count;
		}

	}

}
