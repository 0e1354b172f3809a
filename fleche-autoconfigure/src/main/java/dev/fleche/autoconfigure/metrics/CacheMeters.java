package dev.fleche.autoconfigure.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.fleche.core.cache.CallCache;
import dev.fleche.core.cache.CallCacheListener;

/**
 * The meter of Fleche's call cache: {@code fleche.cache.calls}, a counter tagged {@code result}
 * ({@code hit}, {@code miss} or {@code error}) and {@code function} (the cached method's identity,
 * one per annotated method, so the tag's cardinality is bounded by the code). A failing registry
 * never reaches the cached call.
 */
public final class CacheMeters implements CallCacheListener {

	/** Calls of cached methods, by result. */
	public static final String CALLS = "fleche.cache.calls";

	private final MeterRegistry registry;

	private final SafeMetrics safe = new SafeMetrics();

	/**
	 * Meters in {@code registry}; as a bean, the auto-configured {@link CallCache} picks it up as one
	 * of its listeners.
	 */
	public CacheMeters(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void hit(String function) {
		count(function, "hit");
	}

	@Override
	public void miss(String function, long computeNanos) {
		count(function, "miss");
	}

	@Override
	public void error(String function, Throwable error) {
		count(function, "error");
	}

	private void count(String function, String result) {
		this.safe.run(CALLS, () -> Counter.builder(CALLS)
			.description("Calls of @CachedCall methods, by result")
			.tag("result", result)
			.tag("function", function)
			.register(this.registry)
			.increment());
	}

}
