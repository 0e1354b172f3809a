package dev.fleche.autoconfigure.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;

import dev.fleche.autoconfigure.lock.FlecheLockAutoConfiguration;
import dev.fleche.autoconfigure.storage.FlecheStorageAutoConfiguration;
import dev.fleche.core.cache.CachedCalls;
import dev.fleche.core.cache.expiry.Expiry;
import dev.fleche.core.call.Call;
import dev.fleche.core.testing.TickingClock;

class CachedCallExpiryTests {

	@TempDir
	Path directory;

	private final TickingClock clock = new TickingClock();

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(FlecheStorageAutoConfiguration.class,
					FlecheLockAutoConfiguration.class, FlecheCacheAutoConfiguration.class))
			.withPropertyValues("fleche.storage.path=" + this.directory)
			.withBean(Clock.class, () -> this.clock)
			.withBean(ExpiringReports.class);
	}

	@Test
	void annotationExpiryIsAMissAfterItsTimeAndIsInTheMetadata() {
		runner().run(context -> {
			ExpiringReports reports = context.getBean(ExpiringReports.class);
			assertThat(reports.weekly(1)).isEqualTo("week 1 run 1");
			Call call = context.getBean(CachedCalls.class).query(Expiry.template()).get(0);
			assertThat(Expiry.expiresAt(call)).isEqualTo(this.clock.instant().plus(Duration.ofDays(7)));
			this.clock.advance(Duration.ofDays(6));
			assertThat(reports.weekly(1)).isEqualTo("week 1 run 1");
			this.clock.advance(Duration.ofDays(1));
			assertThat(reports.weekly(1)).isEqualTo("week 1 run 2");
		});
	}

	@Test
	void defaultAppliesWhereTheMethodSaysNothingAndNeverOverridesIt() {
		runner().withPropertyValues("fleche.cache.expire-after=1h").run(context -> {
			ExpiringReports reports = context.getBean(ExpiringReports.class);
			reports.byDefault(1);
			reports.forever(1);
			this.clock.advance(Duration.ofHours(1));
			assertThat(reports.byDefault(1)).isEqualTo("default 1 run 3");
			assertThat(reports.forever(1)).isEqualTo("forever 1 run 2");
		});
	}

	@Test
	void functionSettingsOverrideTheAnnotationByNameOrIdentity() {
		runner()
			.withPropertyValues("fleche.cache.functions[reports.daily].expire-after=10m",
					"fleche.cache.functions[" + ExpiringReports.class.getName() + "#weekly(int)].expire-after=2m")
			.run(context -> {
				ExpiringReports reports = context.getBean(ExpiringReports.class);
				reports.daily(1);
				reports.weekly(1);
				this.clock.advance(Duration.ofMinutes(2));
				assertThat(reports.weekly(1)).isEqualTo("week 1 run 3");
				assertThat(reports.daily(1)).isEqualTo("day 1 run 1");
				this.clock.advance(Duration.ofMinutes(8));
				assertThat(reports.daily(1)).isEqualTo("day 1 run 4");
			});
	}

	@Test
	void aBadExpiryFailsTheStartNamingTheMethod() {
		runner().withPropertyValues("test.daily-ttl=soon").run(context -> {
			assertThat(context).hasFailed();
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(InvalidCachedCallException.class)
				.hasMessageContaining("daily")
				.hasMessageContaining("'soon'");
		});
	}

}
