package dev.fleche.core.lock;

import java.util.Map;
import java.util.TreeMap;

/**
 * The modes a key is held in right now, with the number of holders of each. Immutable.
 */
public final class HeldModes {

	private static final HeldModes NONE = new HeldModes(Map.of());

	private final Map<String, Integer> counts;

	private final int total;

	private HeldModes(Map<String, Integer> counts) {
		this.counts = counts;
		this.total = counts.values().stream().mapToInt(Integer::intValue).sum();
	}

	/** Nothing held. */
	public static HeldModes none() {
		return NONE;
	}

	/**
	 * The given counts by mode name; zero counts are dropped.
	 */
	public static HeldModes of(Map<String, Integer> counts) {
		Map<String, Integer> copy = new TreeMap<>();
		counts.forEach((mode, count) -> {
			if (count < 0) {
				throw new IllegalArgumentException("Negative hold count " + count + " for mode " + mode);
			}
			if (count > 0) {
				copy.put(mode, count);
			}
		});
		return copy.isEmpty() ? NONE : new HeldModes(Map.copyOf(copy));
	}

	/** Holders in the mode named {@code modeName}. */
	public int count(String modeName) {
		return this.counts.getOrDefault(modeName, 0);
	}

	/** Holders in {@code mode}. */
	public int count(LockMode mode) {
		return count(mode.name());
	}

	/** Holders in all modes. */
	public int total() {
		return this.total;
	}

	/** Counts by mode name, without zeros. */
	public Map<String, Integer> asMap() {
		return this.counts;
	}

	/** This plus one holder of {@code mode}. */
	public HeldModes plus(LockMode mode) {
		Map<String, Integer> copy = new TreeMap<>(this.counts);
		copy.merge(mode.name(), 1, Integer::sum);
		return new HeldModes(Map.copyOf(copy));
	}

	@Override
	public boolean equals(Object obj) {
		return this == obj || (obj instanceof HeldModes other && this.counts.equals(other.counts));
	}

	@Override
	public int hashCode() {
		return this.counts.hashCode();
	}

	@Override
	public String toString() {
		return "HeldModes" + new TreeMap<>(this.counts);
	}

}
