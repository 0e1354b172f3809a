package dev.fleche.autoconfigure.storage.layered;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;

import dev.fleche.autoconfigure.cache.FlecheCacheAutoConfiguration;
import dev.fleche.autoconfigure.lock.FlecheLockAutoConfiguration;
import dev.fleche.autoconfigure.storage.FlecheStorageAutoConfiguration;
import dev.fleche.core.cache.CallCache;
import dev.fleche.core.cache.CallSpec;
import dev.fleche.core.storage.sqlite.SqliteStore;

class FlecheLayeredStorageAutoConfigurationTests {

	private static final CallSpec SQUARE = new CallSpec("test#square", "1", Map.of("x", 6), Integer.class);

	@TempDir
	Path directory;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(FlecheLayeredStorageAutoConfiguration.class,
					FlecheStorageAutoConfiguration.class, FlecheLockAutoConfiguration.class,
					FlecheCacheAutoConfiguration.class))
			.withPropertyValues("fleche.storage.path=" + this.directory, "fleche.lock.backend=local");
	}

	@Test
	void memoryOverSqliteServesAfterARestartFromTheFarLayer() {
		AtomicInteger runs = new AtomicInteger();
		ApplicationContextRunner layered = runner().withPropertyValues("fleche.storage.layers=memory,sqlite");
		layered.run(context -> {
			assertThat(context).hasSingleBean(LayeredStores.class).doesNotHaveBean(SqliteStore.class);
			CallCache cache = context.getBean(CallCache.class);
			assertThat(cache.call(SQUARE, () -> 36 + runs.incrementAndGet() - 1)).isEqualTo(36);
			assertThat(cache.call(SQUARE, () -> 36 + runs.incrementAndGet() - 1)).isEqualTo(36);
			assertThat(context.getBean(LayeredStores.class).values().get(0).list()).isNotEmpty();
		});
		layered.run(context -> {
			LayeredStores stores = context.getBean(LayeredStores.class);
			assertThat(stores.calls().get(0).list()).isEmpty();
			assertThat(context.getBean(CallCache.class).call(SQUARE, () -> -1)).isEqualTo(36);
			assertThat(stores.calls().get(0).list()).hasSize(1);
		});
		runner().run(context -> assertThat(context.getBean(CallCache.class).call(SQUARE, () -> -1)).isEqualTo(36));
		assertThat(runs).hasValue(1);
	}

	@Test
	void withoutLayersTheSingleStoreIsUsed() {
		runner().run(context -> assertThat(context).hasSingleBean(SqliteStore.class).doesNotHaveBean(LayeredStores.class));
	}

	@Test
	void fewerThanTwoOrRepeatedLayersFailTheStartNamingTheProperty() {
		for (String layers : new String[] { "sqlite", "memory,memory" }) {
			runner().withPropertyValues("fleche.storage.layers=" + layers).run(context -> {
				assertThat(context).hasFailed();
				Throwable cause = NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure());
				assertThat(cause).isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("fleche.storage.layers");
			});
		}
	}

}
