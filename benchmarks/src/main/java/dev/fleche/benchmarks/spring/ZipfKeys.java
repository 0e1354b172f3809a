package dev.fleche.benchmarks.spring;

import java.util.Arrays;

/**
 * A fixed, skewed sequence of keys: Zipf with exponent 1 over {@code n} keys, drawn with a 32-bit
 * linear congruential generator so that {@code benchmarks/peers/diskcache_size_limit.py} draws the
 * very same sequence.
 */
final class ZipfKeys {

	private ZipfKeys() {
	}

	static int[] sequence(int keys, int length, long seed) {
		double[] cdf = new double[keys];
		double total = 0;
		for (int k = 0; k < keys; k++) {
			total += 1.0 / (k + 1);
			cdf[k] = total;
		}
		int[] sequence = new int[length];
		long state = seed;
		for (int i = 0; i < length; i++) {
			state = (state * 1664525L + 1013904223L) & 0xFFFFFFFFL;
			double u = (state / 4294967296.0) * total;
			int index = Arrays.binarySearch(cdf, u);
			sequence[i] = Math.min(keys - 1, (index >= 0) ? index : -index - 1);
		}
		return sequence;
	}

}
