package dev.fleche.autoconfigure.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.support.LockServices;

import static org.assertj.core.api.Assertions.assertThat;

class LockMetersOnLocalServiceTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(FlecheMetricsAutoConfiguration.class))
		.withBean(LockService.class, LockServices::local);

	@Test
	void metersAreRecordedAfterALockIsUsed() {
		this.runner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			LockService service = context.getBean(LockService.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			try (LockHandle handle = service.lock("stock:apple").acquire()) {
				assertThat(registry.get("fleche.lock.active").tag("backend", "local").gauge().value()).isEqualTo(1.0);
				assertThat(service.lock("stock:apple").tryAcquire(Duration.ofMillis(10))).isEmpty();
			}
			assertThat(registry.get("fleche.lock.wait").tags("backend", "local", "mode", "mutex").timer().count())
				.isEqualTo(1);
			assertThat(registry.get("fleche.lock.held").tags("backend", "local", "mode", "mutex").timer().count())
				.isEqualTo(1);
			assertThat(registry.get("fleche.lock.timeouts").tags("backend", "local", "mode", "mutex").counter().count())
				.isEqualTo(1.0);
			assertThat(registry.get("fleche.lock.active").gauge().value()).isZero();
			assertThat(registry.get("fleche.lock.waiting").gauge().value()).isZero();
		});
	}

	@Test
	void aThrowingRegistryDoesNotBreakALockAcquisition() {
		SimpleMeterRegistry broken = new SimpleMeterRegistry();
		broken.config().meterFilter(new MeterFilter() {
			@Override
			public Meter.Id map(Meter.Id id) {
				throw new IllegalStateException("registry is broken");
			}
		});
		this.runner.withBean(MeterRegistry.class, () -> broken).run((context) -> {
			assertThat(context).hasNotFailed();
			LockService service = context.getBean(LockService.class);
			LockHandle handle = service.lock("stock:apple").acquire(Duration.ofSeconds(5));
			assertThat(handle.isHeld()).isTrue();
			assertThat(service.lock("stock:apple").tryAcquire()).isEmpty();
			handle.release();
			assertThat(service.lock("stock:apple").isLocked()).isFalse();
		});
	}

}
