package dev.fleche.autoconfigure.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.fleche.core.cache.CallCacheListener;

/**
 * Micrometer meters of the call cache, fed by its listener: {@code fleche.cache.calls} (counter),
 * tags {@code result} ({@code hit}, {@code miss} or {@code error}) and {@code function} (the cached
 * function's name: its method identity or the name given to {@code @CachedCall}, so bounded by
 * the application's code). Argument values are never tags. A meter failure is logged and never
 * reaches the cached call. Registered as a {@code CallCacheListener} bean, which the auto-configured
 * call cache takes; a call cache of your own gets it through its builder's {@code listener}.
 */
public final class CacheMeters implements CallCacheListener {

	/** Name of the call counter. */
	public static final String CALLS = "fleche.cache.calls";

	private final MeterRegistry registry;

	private final SafeMetrics safe = new SafeMetrics();

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	/** Meters in {@code registry}; give them to the call cache as a listener. */
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
		this.safe.run(CALLS, () -> this.counters
			.computeIfAbsent(result + '/' + function,
					(id) -> Counter.builder(CALLS)
						.tag("result", result)
						.tag("function", function)
						.description("Calls of cached functions, by result")
						.register(this.registry))
			.increment());
	}

}
