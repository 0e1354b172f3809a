package dev.fleche.core.lock.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.fleche.core.lock.LockListener;
import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.LockState;

/**
 * Gathers, per key, the acquisitions, contended acquisitions, timeouts, wait times (p50, p99,
 * max), longest hold and last fencing token of one {@link LockService}, and joins them with the
 * service's current holders and queue in immutable {@link LockStatisticsSnapshot snapshots}.
 * <p>
 * The number of keys tracked is bounded ({@value #DEFAULT_MAX_KEYS} by default), so a key per item
 * id cannot grow memory without bound: when a new key goes over the bound, the least recently used
 * tenth of the keys is dropped, and a dropped key that comes back starts from zero. Recording is
 * lock-free on keys already tracked. A failure while recording is logged and never reaches the
 * caller that acquires.
 */
public final class LockStatistics implements LockListener {

	/** Keys tracked unless told otherwise. */
	public static final int DEFAULT_MAX_KEYS = 1000;

	private static final Logger logger = LoggerFactory.getLogger(LockStatistics.class);

	private final LockService service;

	private final int maxKeys;

	private final LongSupplier nanoClock;

	private final Map<String, KeyCounters> keys = new ConcurrentHashMap<>();

	private final ReentrantLock evicting = new ReentrantLock();

	LockStatistics(LockService service, int maxKeys, LongSupplier nanoClock) {
		this.service = Objects.requireNonNull(service, "service");
		if (maxKeys < 1) {
			throw new IllegalArgumentException("Lock statistics need room for at least 1 key, got " + maxKeys);
		}
		this.maxKeys = maxKeys;
		this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
	}

	/**
	 * Gathers statistics of {@code service}, tracking at most {@value #DEFAULT_MAX_KEYS} keys.
	 * @return the statistics, registered as a listener of the service
	 */
	public static LockStatistics attachTo(LockService service) {
		return attachTo(service, DEFAULT_MAX_KEYS);
	}

	/**
	 * Gathers statistics of {@code service}, tracking at most {@code maxKeys} keys.
	 * @return the statistics, registered as a listener of the service
	 */
	public static LockStatistics attachTo(LockService service, int maxKeys) {
		LockStatistics statistics = new LockStatistics(service, maxKeys, System::nanoTime);
		service.addListener(statistics);
		return statistics;
	}

	/** The most keys tracked at once. */
	public int maxKeys() {
		return this.maxKeys;
	}

	/** The backend's name. */
	public String backendName() {
		return this.service.backendName();
	}

	@Override
	public void waiting(String key, LockMode mode) {
		safely(key, () -> countersOf(key).noteMode(mode.name()));
	}

	@Override
	public void acquired(String key, LockMode mode, long token, long waitNanos, boolean contended) {
		safely(key, () -> countersOf(key).acquired(mode.name(), token, waitNanos, contended, this.nanoClock.getAsLong()));
	}

	@Override
	public void released(String key, LockMode mode, long heldNanos) {
		safely(key, () -> countersOf(key).released(heldNanos, this.nanoClock.getAsLong()));
	}

	@Override
	public void timedOut(String key, LockMode mode, long waitNanos) {
		safely(key, () -> countersOf(key).timedOut(mode.name(), this.nanoClock.getAsLong()));
	}

	/**
	 * A snapshot of {@code key}, if it was used through the service and is tracked, or is known
	 * to the service now.
	 */
	public Optional<LockStatisticsSnapshot> snapshot(String key) {
		KeyCounters counters = this.keys.get(key);
		Optional<LockState> state = this.service.state(key);
		if (counters != null) {
			return Optional.of(counters.snapshot(backendName(), state.orElseGet(() -> idle(key))));
		}
		return state.map(LockStatisticsSnapshot::ofState);
	}

	/** Snapshots of every key tracked or known to the service now, sorted by key. */
	public List<LockStatisticsSnapshot> snapshots() {
		Map<String, LockState> states = new LinkedHashMap<>();
		this.service.states().forEach((state) -> states.put(state.key(), state));
		List<LockStatisticsSnapshot> result = new ArrayList<>();
		this.keys.forEach((key, counters) -> result
				.add(counters.snapshot(backendName(), Optional.ofNullable(states.remove(key)).orElseGet(() -> idle(key)))));
		states.values().forEach((state) -> result.add(LockStatisticsSnapshot.ofState(state)));
		result.sort(Comparator.comparing(LockStatisticsSnapshot::key));
		return List.copyOf(result);
	}

	private LockState idle(String key) {
		return new LockState(key, backendName(), List.of(), 0, 0, Set.of());
	}

	private KeyCounters countersOf(String key) {
		KeyCounters counters = this.keys.get(key);
		if (counters != null) {
			return counters;
		}
		counters = this.keys.computeIfAbsent(key, (k) -> new KeyCounters(k, this.nanoClock.getAsLong()));
		if (this.keys.size() > this.maxKeys) {
			evictLeastRecentlyUsed(key);
		}
		return counters;
	}

	private void evictLeastRecentlyUsed(String keep) {
		if (!this.evicting.tryLock()) {
			return;
		}
		try {
			int excess = this.keys.size() - this.maxKeys;
			if (excess <= 0) {
				return;
			}
			int drop = Math.min(this.keys.size() - 1, excess + Math.max(1, this.maxKeys / 10) - 1);
			this.keys.entrySet()
				.stream()
				.filter((entry) -> !entry.getKey().equals(keep))
				.sorted(Comparator.comparingLong((Map.Entry<String, KeyCounters> entry) -> entry.getValue().lastUsedNanos()))
				.limit(drop)
				.map(Map.Entry::getKey)
				.toList()
				.forEach(this.keys::remove);
		}
		finally {
			this.evicting.unlock();
		}
	}

	/** The number of keys tracked now. */
	int trackedKeys() {
		return this.keys.size();
	}

	private static void safely(String key, Runnable recording) {
		try {
			recording.run();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not record lock statistics of '{}'", key, ex);
		}
	}

}
