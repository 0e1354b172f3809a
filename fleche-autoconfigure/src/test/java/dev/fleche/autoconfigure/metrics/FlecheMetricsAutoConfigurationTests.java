package dev.fleche.autoconfigure.metrics;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.fleche.autoconfigure.actuate.ScriptedLockService;
import dev.fleche.autoconfigure.metrics.FlecheMetricsAutoConfiguration.FlecheLockMetrics;
import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.LockState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

class FlecheMetricsAutoConfigurationTests {

	private final ScriptedLockService scripted = new ScriptedLockService("local");

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(FlecheMetricsAutoConfiguration.class))
		.withBean(LockService.class, this.scripted::service);

	private final ApplicationContextRunner withRegistry = this.runner.withBean(SimpleMeterRegistry.class,
			SimpleMeterRegistry::new);

	@Test
	void lockMetersArePresentWithARegistry() {
		this.withRegistry.run((context) -> {
			assertThat(context).hasSingleBean(FlecheLockMetrics.class);
			assertThat(this.scripted.listeners()).hasSize(1);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("fleche.lock.active").tag("backend", "local").gauge()).isNotNull();
			assertThat(registry.get("fleche.lock.waiting").tag("backend", "local").gauge()).isNotNull();
		});
	}

	@Test
	void absentWithoutMicrometer() {
		this.withRegistry.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).doesNotHaveBean(FlecheLockMetrics.class));
	}

	@Test
	void absentWithoutARegistryBean() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(FlecheLockMetrics.class);
			assertThat(this.scripted.listeners()).isEmpty();
		});
	}

	@Test
	void absentWithoutALockService() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FlecheMetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(FlecheLockMetrics.class));
	}

	@Test
	void metersAreRecordedWhenLocksAreUsed() {
		this.withRegistry.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			this.scripted.use("stock:apple", LockMode.MUTEX, 1, 0, 2_000_000);
			this.scripted.use("stock:pear", LockMode.MUTEX, 2, 3_000_000, 1_000_000);
			this.scripted.timeOut("stock:apple", LockMode.semaphore(2), 5_000_000);
			this.scripted.state(new LockState("stock:apple", "local",
					List.of(new LockState.Holder("7/1", "mutex", 3, 0, 0)), 2, 3, Set.of()));

			assertThat(registry.get("fleche.lock.wait").tags("mode", "mutex", "contended", "false").timer().count())
				.isEqualTo(1);
			assertThat(registry.get("fleche.lock.wait").tags("mode", "mutex", "contended", "true").timer()
				.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(3.0);
			assertThat(registry.get("fleche.lock.held").tags("backend", "local", "mode", "mutex").timer().count())
				.isEqualTo(2);
			assertThat(registry.get("fleche.lock.timeouts").tags("mode", "semaphore:2").counter().count())
				.isEqualTo(1.0);
			assertThat(registry.get("fleche.lock.active").gauge().value()).isEqualTo(1.0);
			assertThat(registry.get("fleche.lock.waiting").gauge().value()).isEqualTo(2.0);
			assertThat(registry.find("fleche.lock.wait").tagKeys("key").meters()).isEmpty();
		});
	}

	@Test
	void aThrowingRegistryNeverReachesTheLockUser() {
		SimpleMeterRegistry broken = new SimpleMeterRegistry();
		broken.config().meterFilter(new MeterFilter() {
			@Override
			public Meter.Id map(Meter.Id id) {
				throw new IllegalStateException("registry is broken");
			}
		});
		this.runner.withBean(MeterRegistry.class, () -> broken).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(FlecheLockMetrics.class);
			assertThatNoException().isThrownBy(() -> {
				this.scripted.use("stock:apple", LockMode.MUTEX, 1, 10, 20);
				this.scripted.timeOut("stock:apple", LockMode.MUTEX, 5);
			});
			assertThat(broken.getMeters()).isEmpty();
		});
	}

}
