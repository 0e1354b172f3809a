package dev.fleche.core.lock.local;

import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Running averages by key; each operation is one atomic map operation.
 */
final class LocalAverages {

	private final ConcurrentHashMap<String, Sum> sums = new ConcurrentHashMap<>();

	void add(String key, double value) {
		this.sums.merge(key, new Sum(value, 1), Sum::plus);
	}

	OptionalDouble get(String key) {
		Sum sum = this.sums.get(key);
		return (sum != null) ? OptionalDouble.of(sum.average()) : OptionalDouble.empty();
	}

	OptionalDouble pop(String key) {
		Sum sum = this.sums.remove(key);
		return (sum != null) ? OptionalDouble.of(sum.average()) : OptionalDouble.empty();
	}

	/** An immutable total and count. */
	private record Sum(double total, long count) {

		Sum plus(Sum other) {
			return new Sum(this.total + other.total, this.count + other.count);
		}

		double average() {
			return this.total / this.count;
		}

	}

}
