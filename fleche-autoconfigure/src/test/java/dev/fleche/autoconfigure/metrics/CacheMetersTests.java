package dev.fleche.autoconfigure.metrics;

import java.util.Map;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.fleche.core.cache.CallCache;
import dev.fleche.core.cache.CallSpec;
import dev.fleche.autoconfigure.cache.FlecheCacheAutoConfiguration;
import dev.fleche.autoconfigure.lock.FlecheLockAutoConfiguration;
import dev.fleche.autoconfigure.storage.FlecheStorageAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class CacheMetersTests {

	private static final CallSpec SQUARE = new CallSpec("com.example.Maths#square", "1", Map.of("x", 7), Integer.class);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(FlecheStorageAutoConfiguration.class, FlecheLockAutoConfiguration.class,
				FlecheCacheAutoConfiguration.class, FlecheMetricsAutoConfiguration.class))
		.withPropertyValues("fleche.storage.type=memory", "fleche.lock.backend=local");

	@Test
	void callsAreCountedByResultAndFunction() {
		this.runner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			assertThat(context).hasSingleBean(CacheMeters.class);
			CallCache cache = context.getBean(CallCache.class);
			assertThat(cache.call(SQUARE, () -> 49)).isEqualTo(49);
			assertThat(cache.call(SQUARE, () -> 49)).isEqualTo(49);
			assertThat(cache.call(SQUARE, () -> 49)).isEqualTo(49);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("fleche.cache.calls").tags("result", "miss", "function", SQUARE.function())
				.counter().count()).isEqualTo(1.0);
			assertThat(registry.get("fleche.cache.calls").tags("result", "hit", "function", SQUARE.function())
				.counter().count()).isEqualTo(2.0);
		});
	}

	@Test
	void errorsAreCountedAndABrokenRegistryNeverReachesTheCall() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		CacheMeters meters = new CacheMeters(registry);
		meters.error("f", new IllegalStateException("store down"));
		assertThat(registry.get("fleche.cache.calls").tags("result", "error", "function", "f").counter().count())
			.isEqualTo(1.0);

		SimpleMeterRegistry broken = new SimpleMeterRegistry();
		broken.config().meterFilter(new MeterFilter() {
			@Override
			public Meter.Id map(Meter.Id id) {
				throw new IllegalStateException("registry is broken");
			}
		});
		this.runner.withBean(MeterRegistry.class, () -> broken).run((context) -> {
			assertThat(context).hasSingleBean(CacheMeters.class);
			CallCache cache = context.getBean(CallCache.class);
			assertThat(cache.call(SQUARE, () -> 49)).isEqualTo(49);
			assertThat(cache.call(SQUARE, () -> 49)).isEqualTo(49);
		});
	}

	@Test
	void absentWithoutACallCache() {
		this.runner.withPropertyValues("fleche.cache.enabled=false")
			.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CallCache.class).doesNotHaveBean(CacheMeters.class));
	}

}
