package dev.fleche.autoconfigure.actuate;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

import dev.fleche.core.lock.stats.LockStatisticsSnapshot;

/**
 * One lock as the {@code locks} endpoint shows it. Durations are in milliseconds. Immutable.
 *
 * @param key the lock key
 * @param backend the backend's name
 * @param modes the mode names requested on the key (such as {@code mutex}, {@code read},
 * {@code write}, {@code semaphore:3}), which tell its kind
 * @param holders the grants held now
 * @param queueLength the requests waiting now
 * @param acquisitions the grants made
 * @param contendedAcquisitions the grants that had to wait for another holder
 * @param timeouts the requests that gave up, were cancelled or interrupted
 * @param waitMillis how long granted requests waited
 * @param longestHoldMillis the longest time a grant was held until released
 * @param lastToken the last fencing token granted, 0 if none
 */
public record LockDescriptor(String key, String backend, SortedSet<String> modes, List<HolderDescriptor> holders,
		int queueLength, long acquisitions, long contendedAcquisitions, long timeouts, WaitDescriptor waitMillis,
		double longestHoldMillis, long lastToken) {

	public LockDescriptor {
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(backend, "backend");
		Objects.requireNonNull(waitMillis, "waitMillis");
		modes = Collections.unmodifiableSortedSet(new TreeSet<>(modes));
		holders = List.copyOf(holders);
	}

	/** The descriptor of a statistics snapshot. */
	static LockDescriptor of(LockStatisticsSnapshot snapshot) {
		return new LockDescriptor(snapshot.key(), snapshot.backend(), snapshot.modes(),
				snapshot.holders().stream().map(HolderDescriptor::of).toList(), snapshot.queueLength(),
				snapshot.acquisitions(), snapshot.contendedAcquisitions(), snapshot.timeouts(),
				WaitDescriptor.of(snapshot.waitTimes()), Millis.of(snapshot.longestHold()), snapshot.lastToken());
	}

}
