package dev.fleche.autoconfigure.actuate;

import dev.fleche.core.lock.stats.WaitTimes;

/**
 * How long granted requests waited for one lock, in milliseconds. Percentiles come from a
 * log-bucketed histogram: each is at most 25% above the true value, never above the maximum.
 * Immutable.
 *
 * @param count the number of waits recorded
 * @param p50 the median wait
 * @param p99 the 99th percentile wait
 * @param max the longest wait
 */
public record WaitDescriptor(long count, double p50, double p99, double max) {

	static WaitDescriptor of(WaitTimes times) {
		return new WaitDescriptor(times.count(), Millis.of(times.p50()), Millis.of(times.p99()), Millis.of(times.max()));
	}

}
