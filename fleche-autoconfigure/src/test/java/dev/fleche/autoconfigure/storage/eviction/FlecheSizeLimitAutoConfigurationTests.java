package dev.fleche.autoconfigure.storage.eviction;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;

import dev.fleche.autoconfigure.cache.FlecheCacheAutoConfiguration;
import dev.fleche.autoconfigure.lock.FlecheLockAutoConfiguration;
import dev.fleche.autoconfigure.storage.FlecheStorageAutoConfiguration;
import dev.fleche.autoconfigure.storage.layered.FlecheLayeredStorageAutoConfiguration;
import dev.fleche.core.cache.CallCache;
import dev.fleche.core.cache.CallSpec;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.cache.eviction.SizeLimiter;

class FlecheSizeLimitAutoConfigurationTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(FlecheLayeredStorageAutoConfiguration.class,
					FlecheStorageAutoConfiguration.class, FlecheSizeLimitAutoConfiguration.class,
					FlecheLockAutoConfiguration.class, FlecheCacheAutoConfiguration.class))
			.withPropertyValues("fleche.storage.path=" + this.directory, "fleche.lock.backend=local");
	}

	@Test
	void theCacheKeepsTheStoreUnderTheLimit() {
		for (String layout : new String[] { "fleche.storage.type=sqlite", "fleche.storage.layers=memory,sqlite" }) {
			runner().withPropertyValues("fleche.storage.size-limit=16KB", layout).run(context -> {
				SizeLimiter limiter = context.getBean(SizeLimiter.class);
				assertThat(limiter.limit()).isEqualTo(16 * 1024);
				CallCache cache = context.getBean(CallCache.class);
				for (int n = 0; n < 80; n++) {
					int i = n;
					cache.call(new CallSpec("test#big", "1", Map.of("n", i), String.class), () -> "x".repeat(500) + i);
				}
				limiter.awaitIdle(Duration.ofSeconds(30));
				limiter.enforce();
				ValueStorage values = context.getBean(ValueStorage.class);
				CallStorage calls = context.getBean(CallStorage.class);
				long size = 0;
				for (Digest key : values.list()) {
					size += values.storedSize(key);
				}
				for (Digest key : calls.list()) {
					size += calls.storedSize(key);
				}
				assertThat(size).isPositive().isLessThanOrEqualTo(16 * 1024);
			});
		}
	}

	@Test
	void withoutALimitThereIsNoLimiter() {
		runner().run(context -> assertThat(context).doesNotHaveBean(SizeLimiter.class));
	}

	@Test
	void aZeroLimitFailsTheStartNamingTheProperty() {
		runner().withPropertyValues("fleche.storage.size-limit=0B").run(context -> {
			assertThat(context).hasFailed();
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("fleche.storage.size-limit");
		});
	}

}
