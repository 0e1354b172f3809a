package dev.fleche.autoconfigure.observation;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.cache.CallCacheListener;

/**
 * The outcome of the cached call running on this thread, told by the call cache's listener
 * events ({@link Listener}) and read by {@link ObservedCachedCallInterceptor}.
 */
final class CallResult {

	static final ThreadLocal<CallResult> CURRENT = new ThreadLocal<>();

	private final String function;

	private volatile @Nullable String outcome;

	CallResult(String function) {
		this.function = function;
	}

	@Nullable String outcome() {
		return this.outcome;
	}

	/** Records hits and misses of the call observed on the calling thread. */
	static final class Listener implements CallCacheListener {

		@Override
		public void hit(String function) {
			record(function, "hit");
		}

		@Override
		public void miss(String function, long computeNanos) {
			record(function, "miss");
		}

		private static void record(String function, String outcome) {
			CallResult current = CURRENT.get();
			if (current != null && current.function.equals(function) && current.outcome == null) {
				current.outcome = outcome;
			}
		}

	}

}
