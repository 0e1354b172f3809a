package dev.fleche.core.cache;

import dev.fleche.core.digest.Digest;

/**
 * Told of every cached call: a hit, a miss with the time the function took, or an error of the
 * store that the cache worked around. A listener that throws is logged and ignored.
 */
public interface CallCacheListener {

	/** A stored result was returned. */
	default void hit(String function) {
	}

	/** A stored result was returned for the call {@code key}; by default {@link #hit(String)}. */
	default void hit(String function, Digest key) {
		hit(function);
	}

	/** The function ran, for {@code computeNanos}. */
	default void miss(String function, long computeNanos) {
	}

	/** The store failed to read or write; the call went on without it. */
	default void error(String function, Throwable error) {
	}

}
