package dev.fleche.core.lock.stats;

import java.time.Duration;
import java.util.Objects;

/**
 * How long requests waited for a lock: the 50th and 99th percentiles (each at most 25% above
 * the true value, never above the maximum) and the exact maximum. Immutable.
 *
 * @param count the number of waits recorded
 * @param p50 the median wait
 * @param p99 the 99th percentile wait
 * @param max the longest wait
 */
public record WaitTimes(long count, Duration p50, Duration p99, Duration max) {

	private static final WaitTimes NONE = new WaitTimes(0, Duration.ZERO, Duration.ZERO, Duration.ZERO);

	public WaitTimes {
		Objects.requireNonNull(p50, "p50");
		Objects.requireNonNull(p99, "p99");
		Objects.requireNonNull(max, "max");
		if (count < 0) {
			throw new IllegalArgumentException("A wait count cannot be negative, got " + count);
		}
		if (p50.compareTo(p99) > 0 || p99.compareTo(max) > 0) {
			throw new IllegalArgumentException(
					"Wait times must satisfy p50 <= p99 <= max, got " + p50 + ", " + p99 + ", " + max);
		}
	}

	/** No waits recorded. */
	public static WaitTimes none() {
		return NONE;
	}

}
