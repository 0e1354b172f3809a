package dev.fleche.core.lock.stats;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import dev.fleche.core.lock.LockState;

/**
 * What is known of one key at one moment: its current holders and queue, and the counters
 * gathered since it was first used (or since its statistics were evicted). Holds keys and mode
 * names only, never argument or result values. Immutable.
 *
 * @param key the lock key
 * @param backend the backend's name
 * @param modes the names of the modes requested on the key, sorted
 * @param holders the grants held now
 * @param queueLength the requests waiting now
 * @param acquisitions the grants made
 * @param contendedAcquisitions the grants that had to wait for another holder
 * @param timeouts the requests that gave up at their timeout, or were cancelled or interrupted
 * @param waitTimes how long granted requests waited
 * @param longestHold the longest time a grant was held until its release
 * @param lastToken the last fencing token granted, 0 if none
 */
public record LockStatisticsSnapshot(String key, String backend, SortedSet<String> modes, List<LockState.Holder> holders,
		int queueLength, long acquisitions, long contendedAcquisitions, long timeouts, WaitTimes waitTimes,
		Duration longestHold, long lastToken) {

	public LockStatisticsSnapshot {
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(backend, "backend");
		Objects.requireNonNull(waitTimes, "waitTimes");
		Objects.requireNonNull(longestHold, "longestHold");
		modes = Collections.unmodifiableSortedSet(new TreeSet<>(modes));
		holders = List.copyOf(holders);
		if (queueLength < 0 || acquisitions < 0 || contendedAcquisitions < 0 || timeouts < 0 || lastToken < 0) {
			throw new IllegalArgumentException("Lock statistics of '" + key + "' cannot hold negative counts");
		}
		if (contendedAcquisitions > acquisitions) {
			throw new IllegalArgumentException("Lock statistics of '" + key + "' count " + contendedAcquisitions
					+ " contended acquisitions out of " + acquisitions);
		}
	}

	/** A key known to the backend but not seen by the listener: state only, no counters. */
	static LockStatisticsSnapshot ofState(LockState state) {
		Set<String> modes = new TreeSet<>();
		state.holders().forEach((holder) -> modes.add(holder.mode()));
		return new LockStatisticsSnapshot(state.key(), state.backend(), new TreeSet<>(modes), state.holders(),
				state.queueLength(), 0, 0, 0, WaitTimes.none(), Duration.ZERO, state.lastToken());
	}

}
