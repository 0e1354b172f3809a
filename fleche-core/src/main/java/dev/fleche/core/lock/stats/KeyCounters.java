package dev.fleche.core.lock.stats;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import dev.fleche.core.lock.LockState;

/**
 * The running counters of one key. Thread-safe and lock-free.
 */
final class KeyCounters {

	private final String key;

	private final LongAdder acquisitions = new LongAdder();

	private final LongAdder contended = new LongAdder();

	private final LongAdder timeouts = new LongAdder();

	private final WaitHistogram waits = new WaitHistogram();

	private final AtomicLong longestHoldNanos = new AtomicLong();

	private final AtomicLong lastToken = new AtomicLong();

	private final Set<String> modes = ConcurrentHashMap.newKeySet();

	private volatile long lastUsedNanos;

	KeyCounters(String key, long nowNanos) {
		this.key = key;
		this.lastUsedNanos = nowNanos;
	}

	void acquired(String mode, long token, long waitNanos, boolean wasContended, long nowNanos) {
		this.acquisitions.increment();
		if (wasContended) {
			this.contended.increment();
		}
		this.waits.record(waitNanos);
		this.lastToken.accumulateAndGet(token, Math::max);
		noteMode(mode);
		this.lastUsedNanos = nowNanos;
	}

	void released(long heldNanos, long nowNanos) {
		this.longestHoldNanos.accumulateAndGet(heldNanos, Math::max);
		this.lastUsedNanos = nowNanos;
	}

	void timedOut(String mode, long nowNanos) {
		this.timeouts.increment();
		noteMode(mode);
		this.lastUsedNanos = nowNanos;
	}

	void noteMode(String mode) {
		if (!this.modes.contains(mode)) {
			this.modes.add(mode);
		}
	}

	long lastUsedNanos() {
		return this.lastUsedNanos;
	}

	LockStatisticsSnapshot snapshot(String backend, LockState state) {
		// contended before acquisitions: each contended grant was counted as an acquisition first
		long contendedCount = this.contended.sum();
		long acquisitionCount = Math.max(contendedCount, this.acquisitions.sum());
		return new LockStatisticsSnapshot(this.key, backend, new TreeSet<>(this.modes), state.holders(),
				state.queueLength(), acquisitionCount, contendedCount, this.timeouts.sum(),
				this.waits.snapshot(), Duration.ofNanos(this.longestHoldNanos.get()),
				Math.max(this.lastToken.get(), state.lastToken()));
	}

}
