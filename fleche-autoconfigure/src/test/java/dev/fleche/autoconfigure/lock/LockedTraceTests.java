package dev.fleche.autoconfigure.lock;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.fleche.autoconfigure.actuate.FlecheLocksEndpointAutoConfiguration;
import dev.fleche.autoconfigure.actuate.LockDescriptor;
import dev.fleche.autoconfigure.actuate.LocksEndpoint;
import dev.fleche.autoconfigure.metrics.FlecheMetricsAutoConfiguration;
import dev.fleche.core.lock.SelfDeadlockException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a {@code @Locked} method leaves behind when it cannot run: a zero-timeout skip counted in
 * the meters and the endpoint and logged at DEBUG, and a write inside a read on one thread failing
 * at once instead of waiting for itself.
 */
class LockedTraceTests {

	@TempDir
	Path directory;

	@Configuration(proxyBeanMethods = false)
	static class Services {

		@Bean
		LockedServices.Guarded guarded() {
			return new LockedServices.Guarded();
		}

		@Bean
		LockedServices.Upgrading upgrading() {
			return new LockedServices.Upgrading();
		}

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	private ApplicationContextRunner runner(String backend) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(FlecheLockAutoConfiguration.class,
					FlecheMetricsAutoConfiguration.class, FlecheLocksEndpointAutoConfiguration.class))
			.withPropertyValues("fleche.lock.backend=" + backend,
					"fleche.lock.directory=" + this.directory.resolve("locks"), "management.endpoints.web.exposure.include=*")
			.withUserConfiguration(Services.class);
	}

	@Test
	void aZeroTimeoutSkipIsCountedShownAndLogged() {
		Logger logger = (Logger) LoggerFactory.getLogger(LockedInterceptor.class);
		ListAppender<ILoggingEvent> events = new ListAppender<>();
		events.start();
		logger.addAppender(events);
		Level before = logger.getLevel();
		logger.setLevel(Level.DEBUG);
		try {
			runner("disk").run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("fleche.lock.timeouts").tag("mode", "mutex").counter().count()).isZero();
				LockedServices.Guarded guarded = context.getBean(LockedServices.Guarded.class);
				CountDownLatch inside = new CountDownLatch(1);
				CountDownLatch leave = new CountDownLatch(1);
				CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
					try {
						return guarded.tick(inside, leave);
					}
					catch (InterruptedException ex) {
						throw new IllegalStateException(ex);
					}
				});
				assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
				assertThat(guarded.tick(new CountDownLatch(1), new CountDownLatch(0))).isNull();
				leave.countDown();
				assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("ran");
				assertThat(registry.get("fleche.lock.timeouts").tag("mode", "mutex").counter().count()).isEqualTo(1.0);
				LockDescriptor job = context.getBean(LocksEndpoint.class).lock(new String[] { "job" });
				assertThat(job).isNotNull();
				assertThat(job.timeouts()).isEqualTo(1);
				assertThat(events.list).anySatisfy((event) -> {
					assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
					assertThat(event.getFormattedMessage()).contains("Skipped").contains("'job'").contains("held by [");
				});
			});
		}
		finally {
			logger.detachAppender(events);
			logger.setLevel(before);
		}
	}

	@Test
	void aWriteInsideAReadOnOneThreadFailsAtOnceOnEveryBackend() {
		for (String backend : new String[] { "local", "disk" }) {
			runner(backend).run((context) -> {
				LockedServices.Upgrading upgrading = context.getBean(LockedServices.Upgrading.class);
				long start = System.nanoTime();
				assertThatExceptionOfType(SelfDeadlockException.class)
					.isThrownBy(() -> upgrading.readThenWrite(upgrading, 7))
					.withMessageContaining("doc:7");
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
				assertThat(upgrading.write(7)).isEqualTo("wrote 7");
			});
		}
	}

}
