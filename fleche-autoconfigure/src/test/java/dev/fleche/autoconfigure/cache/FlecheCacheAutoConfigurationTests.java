package dev.fleche.autoconfigure.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.fleche.autoconfigure.lock.FlecheLockAutoConfiguration;
import dev.fleche.autoconfigure.storage.FlecheStorageAutoConfiguration;
import dev.fleche.core.cache.CachedCalls;
import dev.fleche.core.cache.CallCache;
import dev.fleche.core.storage.memory.MemoryStorage;

class FlecheCacheAutoConfigurationTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(FlecheStorageAutoConfiguration.class,
					FlecheLockAutoConfiguration.class, FlecheCacheAutoConfiguration.class))
			.withPropertyValues("fleche.storage.path=" + this.directory);
	}

	@Test
	void registersTheCacheAndTheFacade() {
		runner().run(context -> assertThat(context).hasSingleBean(CallCache.class)
			.hasSingleBean(CachedCalls.class)
			.hasSingleBean(CachedCallOperationSource.class));
	}

	@Test
	void disabledRegistersNothing() {
		runner().withPropertyValues("fleche.cache.enabled=false")
			.run(context -> assertThat(context).doesNotHaveBean(CallCache.class)
				.doesNotHaveBean(CachedCallOperationSource.class));
	}

	@Test
	void withoutStorageBeansTheCacheBacksOff() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FlecheCacheAutoConfiguration.class))
			.run(context -> assertThat(context).doesNotHaveBean(CallCache.class));
	}

	@Test
	void userCacheMakesItBackOff() {
		CallCache mine = CallCache.builder(MemoryStorage.values(), MemoryStorage.calls()).build();
		runner().withBean(CallCache.class, () -> mine)
			.run(context -> assertThat(context.getBean(CallCache.class)).isSameAs(mine));
	}

	@Test
	void worksWithoutTheLockService() {
		runner().withPropertyValues("fleche.lock.enabled=false")
			.withBean(Reports.class)
			.run(context -> {
				Reports reports = context.getBean(Reports.class);
				reports.monthly(2026, 3);
				reports.monthly(2026, 3);
				assertThat(reports.runs()).isEqualTo(1);
			});
	}

}
