package dev.fleche.core.cache;

/**
 * Told of every cached call: a hit, a miss with the time the function took, or an error of the
 * store that the cache worked around. A listener that throws is logged and ignored.
 */
public interface CallCacheListener {

	/** A stored result was returned. */
	default void hit(String function) {
	}

	/** The function ran, for {@code computeNanos}. */
	default void miss(String function, long computeNanos) {
	}

	/** The store failed to read or write; the call went on without it. */
	default void error(String function, Throwable error) {
	}

}
