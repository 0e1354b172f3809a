package dev.fleche.autoconfigure.springcache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Configuration;

import dev.fleche.autoconfigure.lock.FlecheLockAutoConfiguration;
import dev.fleche.autoconfigure.springcache.Catalog.Item;
import dev.fleche.autoconfigure.storage.FlecheStorageAutoConfiguration;

class FlecheSpringCacheAutoConfigurationTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(FlecheStorageAutoConfiguration.class,
					FlecheLockAutoConfiguration.class, FlecheSpringCacheAutoConfiguration.class))
			.withPropertyValues("fleche.storage.path=" + this.directory)
			.withUserConfiguration(CachingOn.class)
			.withBean(Catalog.class);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class CachingOn {

	}

	@Test
	void registeredWhenCachingIsEnabled() {
		runner().run(context -> assertThat(context).hasSingleBean(FlecheCacheManager.class)
			.hasSingleBean(FlecheCachingConfigurer.class));
	}

	@Test
	void notRegisteredWithoutEnableCaching() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(FlecheStorageAutoConfiguration.class,
					FlecheLockAutoConfiguration.class, FlecheSpringCacheAutoConfiguration.class))
			.withPropertyValues("fleche.storage.path=" + this.directory)
			.run(context -> assertThat(context).doesNotHaveBean(CacheManager.class));
	}

	@Test
	void backsOffForTheUsersCacheManager() {
		runner().withBean(CacheManager.class, ConcurrentMapCacheManager::new)
			.run(context -> assertThat(context.getBean(CacheManager.class)).isInstanceOf(ConcurrentMapCacheManager.class));
	}

	@Test
	void backsOffForAnotherCacheType() {
		runner().withPropertyValues("spring.cache.type=simple")
			.run(context -> assertThat(context).getFailure().hasMessageContaining("no CacheResolver specified"));
	}

	@Test
	void registeredForCacheTypeFleche() {
		runner().withPropertyValues("spring.cache.type=fleche")
			.run(context -> assertThat(context).hasSingleBean(FlecheCacheManager.class));
	}

	@Test
	void canBeSwitchedOff() {
		runner().withPropertyValues("fleche.cache.spring.enabled=false")
			.run(context -> assertThat(context).getFailure().hasMessageContaining("no CacheResolver specified"));
	}

	@Test
	void keepsTheUsersCachingConfigurer() {
		runner().withBean(CachingConfigurer.class, () -> new CachingConfigurer() {
		}).run(context -> assertThat(context).hasSingleBean(FlecheCacheManager.class)
			.doesNotHaveBean(FlecheCachingConfigurer.class));
	}

	@Test
	void fixedCacheNamesFromFlecheOrBootProperties() {
		runner().withPropertyValues("fleche.cache.spring.cache-names=items,synced")
			.run(context -> assertThat(context.getBean(FlecheCacheManager.class).getCacheNames())
				.containsExactly("items", "synced"));
		runner().withPropertyValues("spring.cache.cache-names=items")
			.run(context -> {
				assertThat(context.getBean(FlecheCacheManager.class).getCacheNames()).containsExactly("items");
				assertThat(context.getBean(FlecheCacheManager.class).getCache("other")).isNull();
				org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
					.isThrownBy(() -> context.getBean(Catalog.class).synced("x"))
					.withMessageContaining("Cannot find cache named 'synced'");
			});
	}

	@Test
	void perCacheExpiryFromProperties() {
		runner().withPropertyValues("fleche.cache.spring.caches.items.expire-after=50ms").run(context -> {
			Catalog catalog = context.getBean(Catalog.class);
			catalog.item("e");
			catalog.item("e");
			assertThat(catalog.runs()).isOne();
			Thread.sleep(120);
			catalog.item("e");
			assertThat(catalog.runs()).as("expired, computed again").isEqualTo(2);
			catalog.synced("s");
			Thread.sleep(120);
			catalog.synced("s");
			assertThat(catalog.runs()).as("other caches do not expire").isEqualTo(3);
		});
		runner().withPropertyValues("fleche.cache.spring.caches.items.expire-after=0s")
			.run(context -> assertThat(context).getFailure()
				.hasStackTraceContaining("fleche.cache.spring.caches.items.expire-after"));
	}

	@Test
	void worksWithoutTheLockServiceBean() {
		runner().withPropertyValues("fleche.lock.enabled=false").run(context -> {
			assertThat(context).doesNotHaveBean(dev.fleche.core.lock.LockService.class);
			Catalog catalog = context.getBean(Catalog.class);
			assertThat(catalog.synced("a")).isEqualTo(catalog.synced("a"));
			assertThat(catalog.runs()).isOne();
		});
	}

	@Test
	void aNegativeSyncTimeoutNamesTheProperty() {
		runner().withPropertyValues("fleche.cache.spring.sync-timeout=-1s")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("fleche.cache.spring.sync-timeout"));
	}

	@Test
	void cacheableMethodsHitWithTheirDeclaredTypes() {
		runner().run(context -> {
			Catalog catalog = context.getBean(Catalog.class);
			assertThat(catalog.item("a")).isEqualTo(new Item("a", List.of("tag-a")));
			assertThat(catalog.item("a")).isEqualTo(new Item("a", List.of("tag-a")));
			assertThat(catalog.items("p", 2)).containsExactly(new Item("p0", List.of()), new Item("p1", List.of()));
			assertThat(catalog.items("p", 2).get(1)).isInstanceOf(Item.class);
			assertThat(catalog.find("x")).contains(new Item("x", List.of()));
			assertThat(catalog.find("x")).contains(new Item("x", List.of()));
			assertThat(catalog.find("")).isEmpty();
			assertThat(catalog.find("")).isEmpty();
			assertThat(catalog.nothing("n")).isNull();
			assertThat(catalog.nothing("n")).isNull();
			assertThat(catalog.later("f").get(5, TimeUnit.SECONDS)).isEqualTo(new Item("f", List.of("async")));
			assertThat(catalog.later("f").get(5, TimeUnit.SECONDS)).isEqualTo(new Item("f", List.of("async")));
			assertThat(catalog.synced("s")).isEqualTo(new Item("s", List.of("sync")));
			assertThat(catalog.synced("s")).isEqualTo(new Item("s", List.of("sync")));
			assertThat(catalog.runs()).isEqualTo(7);
		});
	}

	@Test
	void putAndEvictReachTheStore() {
		runner().run(context -> {
			Catalog catalog = context.getBean(Catalog.class);
			catalog.update(new Item("a", List.of("put")));
			assertThat(catalog.item("a")).isEqualTo(new Item("a", List.of("put")));
			assertThat(catalog.runs()).isZero();
			catalog.clearItems();
			assertThat(catalog.item("a")).isEqualTo(new Item("a", List.of("tag-a")));
			assertThat(catalog.runs()).isOne();
		});
	}

	@Test
	void valuesSurviveARestartOnFileStorage() {
		runner().withPropertyValues("fleche.storage.type=file").run(context -> context.getBean(Catalog.class).item("f"));
		runner().withPropertyValues("fleche.storage.type=file").run(context -> {
			Catalog catalog = context.getBean(Catalog.class);
			assertThat(catalog.item("f")).isEqualTo(new Item("f", List.of("tag-f")));
			assertThat(catalog.runs()).isZero();
		});
	}

	@Test
	void valuesSurviveARestart() {
		runner().run(context -> {
			Catalog catalog = context.getBean(Catalog.class);
			catalog.item("kept");
			catalog.items("q", 3);
			catalog.find("f");
			assertThat(catalog.runs()).isEqualTo(3);
		});
		runner().run(context -> {
			Catalog catalog = context.getBean(Catalog.class);
			assertThat(catalog.item("kept")).isEqualTo(new Item("kept", List.of("tag-kept")));
			assertThat(catalog.items("q", 3)).hasSize(3).allSatisfy(item -> assertThat(item).isInstanceOf(Item.class));
			assertThat(catalog.find("f")).isEqualTo(Optional.of(new Item("f", List.of())));
			assertThat(catalog.runs()).isZero();
		});
	}

}
