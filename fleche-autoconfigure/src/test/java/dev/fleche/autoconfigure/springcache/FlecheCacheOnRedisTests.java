package dev.fleche.autoconfigure.springcache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Configuration;

import dev.fleche.autoconfigure.lock.FlecheLockAutoConfiguration;
import dev.fleche.autoconfigure.redis.FlecheRedisAutoConfiguration;
import dev.fleche.autoconfigure.springcache.Catalog.Item;
import dev.fleche.autoconfigure.storage.FlecheStorageAutoConfiguration;
import dev.fleche.core.testsupport.RedisServerProcess;
import dev.fleche.core.testsupport.TestRedis;

/**
 * The Spring Cache bridge on Redis storage and Redis locks: two application contexts (as two
 * hosts would) share entries, and a {@code sync} miss computes once across them.
 */
class FlecheCacheOnRedisTests {

	private final RedisServerProcess server = TestRedis.shared();

	private final String prefix = "spring-cache-" + UUID.randomUUID().toString().substring(0, 8) + ":";

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(FlecheRedisAutoConfiguration.class, FlecheStorageAutoConfiguration.class,
					FlecheLockAutoConfiguration.class, FlecheSpringCacheAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.host=" + this.server.host(),
					"spring.data.redis.port=" + this.server.port(), "fleche.lock.backend=redis",
					"fleche.storage.type=redis", "fleche.lock.redis.prefix=" + this.prefix,
					"fleche.storage.redis.prefix=" + this.prefix)
			.withUserConfiguration(CachingOn.class)
			.withBean(Catalog.class)
			.withBean(SlowQuotes.class);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class CachingOn {

	}

	/** A slow sync cached method, counting its runs in a static counter shared by both contexts. */
	public static class SlowQuotes {

		static final java.util.concurrent.atomic.AtomicInteger RUNS = new java.util.concurrent.atomic.AtomicInteger();

		@Cacheable(cacheNames = "quotes", sync = true)
		public Item quote(String name) throws InterruptedException {
			RUNS.incrementAndGet();
			Thread.sleep(500);
			return new Item(name, List.of("slow"));
		}

	}

	@Test
	void twoApplicationsShareEntriesAndComputeOnce() {
		runner().run(first -> runner().run(second -> {
			Catalog a = first.getBean(Catalog.class);
			Catalog b = second.getBean(Catalog.class);
			assertThat(a.item("shared")).isEqualTo(new Item("shared", List.of("tag-shared")));
			assertThat(b.item("shared")).isEqualTo(new Item("shared", List.of("tag-shared")));
			assertThat(a.runs() + b.runs()).isOne();

			SlowQuotes.RUNS.set(0);
			CountDownLatch start = new CountDownLatch(1);
			List<CompletableFuture<Item>> calls = List.of(first, second, first, second).stream()
				.map(context -> CompletableFuture.supplyAsync(() -> {
					try {
						start.await();
						return context.getBean(SlowQuotes.class).quote("q");
					}
					catch (InterruptedException ex) {
						throw new IllegalStateException(ex);
					}
				}))
				.toList();
			start.countDown();
			for (CompletableFuture<Item> call : calls) {
				assertThat(call.get(30, TimeUnit.SECONDS)).isEqualTo(new Item("q", List.of("slow")));
			}
			assertThat(SlowQuotes.RUNS).hasValue(1);
		}));
	}

}
