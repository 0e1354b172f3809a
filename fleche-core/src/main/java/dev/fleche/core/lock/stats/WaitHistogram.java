package dev.fleche.core.lock.stats;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A small, lock-free, log-bucketed histogram of durations in nanoseconds.
 * <p>
 * Each power of two is split into {@value #SUB_BUCKETS} linear sub-buckets, so a percentile is
 * reported with a relative error of at most 25% (the upper bound of its bucket, never above the
 * largest value recorded). Values above 2^{@value #MAX_EXPONENT} ns (about 39 hours) share the
 * last bucket; the maximum is kept exactly. About 1.5 KB per histogram.
 */
final class WaitHistogram {

	private static final int SUB_BITS = 2;

	static final int SUB_BUCKETS = 1 << SUB_BITS;

	static final int MAX_EXPONENT = 47;

	private static final int BUCKETS = (MAX_EXPONENT - SUB_BITS + 2) * SUB_BUCKETS;

	private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

	private final AtomicLong total = new AtomicLong();

	private final AtomicLong max = new AtomicLong();

	/** Records one duration; a negative one counts as zero. */
	void record(long nanos) {
		long value = Math.max(0, nanos);
		this.counts.incrementAndGet(indexOf(value));
		this.total.incrementAndGet();
		this.max.accumulateAndGet(value, Math::max);
	}

	/** A snapshot of the percentiles and the maximum. */
	WaitTimes snapshot() {
		long[] copy = new long[BUCKETS];
		long count = 0;
		for (int i = 0; i < BUCKETS; i++) {
			copy[i] = this.counts.get(i);
			count += copy[i];
		}
		long maxNanos = this.max.get();
		return new WaitTimes(count, percentile(copy, count, 0.50, maxNanos), percentile(copy, count, 0.99, maxNanos),
				Duration.ofNanos(maxNanos));
	}

	private static Duration percentile(long[] counts, long count, double quantile, long maxNanos) {
		if (count == 0) {
			return Duration.ZERO;
		}
		long rank = Math.max(1, (long) Math.ceil(quantile * count));
		long seen = 0;
		for (int i = 0; i < counts.length; i++) {
			seen += counts[i];
			if (seen >= rank) {
				long bound = (i == counts.length - 1) ? maxNanos : upperBoundOf(i);
				return Duration.ofNanos(Math.min(bound, maxNanos));
			}
		}
		return Duration.ofNanos(maxNanos);
	}

	static int indexOf(long value) {
		if (value < SUB_BUCKETS) {
			return (int) value;
		}
		int exponent = Math.min(63 - Long.numberOfLeadingZeros(value), MAX_EXPONENT);
		if (exponent == MAX_EXPONENT && value >= (1L << (MAX_EXPONENT + 1))) {
			return BUCKETS - 1;
		}
		int shift = exponent - SUB_BITS;
		int sub = (int) ((value >>> shift) & (SUB_BUCKETS - 1));
		return (shift + 1) * SUB_BUCKETS + sub;
	}

	/** The largest value that falls into bucket {@code index}. */
	static long upperBoundOf(int index) {
		if (index < SUB_BUCKETS) {
			return index;
		}
		int shift = index / SUB_BUCKETS - 1;
		long sub = index % SUB_BUCKETS;
		long lower = (SUB_BUCKETS + sub) << shift;
		return lower + (1L << shift) - 1;
	}

}
