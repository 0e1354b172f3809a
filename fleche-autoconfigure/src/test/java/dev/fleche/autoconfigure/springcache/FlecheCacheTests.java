package dev.fleche.autoconfigure.springcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.cache.Cache;
import org.springframework.cache.interceptor.SimpleKey;
import org.springframework.core.ParameterizedTypeReference;

import dev.fleche.core.digest.Digest;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.local.LocalLockBackend;
import dev.fleche.core.lock.support.LockServices;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.storage.memory.MemoryStorage;

class FlecheCacheTests {

	private final ValueStorage values = MemoryStorage.values();

	private final LockService locks = LockServices.create(new LocalLockBackend());

	private final FlecheCacheManager manager = FlecheCacheManager.builder(this.values, this.locks).build();

	@AfterEach
	void close() {
		this.locks.close();
	}

	record Order(String id, int quantity) {
	}

	private FlecheCache orders() {
		return this.manager.getCache("orders", Order.class);
	}

	@Test
	void missThenHitReadsTheDeclaredType() {
		FlecheCache cache = orders();
		assertThat(cache.get("a")).isNull();
		cache.put("a", new Order("a", 2));
		assertThat(cache.get("a").get()).isEqualTo(new Order("a", 2));
		assertThat(cache.get("a", Order.class)).isEqualTo(new Order("a", 2));
		assertThat(this.manager.getCache("orders").get("a").get()).isEqualTo(Map.of("id", "a", "quantity", 2));
	}

	@Test
	void genericTypesAreReadBack() {
		Type listOfOrders = new ParameterizedTypeReference<List<Order>>() { }.getType();
		FlecheCache cache = this.manager.getCache("lists", listOfOrders);
		cache.put(1, List.of(new Order("x", 1), new Order("y", 2)));
		assertThat(cache.get(1).get()).isEqualTo(List.of(new Order("x", 1), new Order("y", 2)));
	}

	@Test
	void nullValuesAreStoredAndTellAHitFromAMiss() {
		FlecheCache cache = orders();
		cache.put("none", null);
		Cache.ValueWrapper wrapper = cache.get("none");
		assertThat(wrapper).isNotNull();
		assertThat(wrapper.get()).isNull();
		assertThat(cache.get("none", Order.class)).isNull();
		assertThat(cache.get("absent")).isNull();
	}

	@Test
	void nullValuesCanBeRefused() {
		FlecheCacheManager strict = FlecheCacheManager.builder(this.values, this.locks).allowNullValues(false).build();
		assertThatIllegalArgumentException().isThrownBy(() -> strict.getCache("c").put("k", null))
			.withMessageContaining("fleche.cache.spring.allow-null-values");
	}

	@Test
	void keysAreCanonicalAndSeparatedByCache() {
		FlecheCache cache = orders();
		cache.put(new SimpleKey("a", 1), new Order("a", 1));
		assertThat(cache.get(new SimpleKey("a", 1)).get()).isEqualTo(new Order("a", 1));
		assertThat(cache.get(List.of("a", 1))).as("a plain list is another key").isNull();
		assertThat(cache.get(new SimpleKey("a", 1L))).as("1L is not 1").isNull();
		assertThat(this.manager.getCache("other", Order.class).get(new SimpleKey("a", 1))).isNull();
		cache.put(SimpleKey.EMPTY, new Order("empty", 0));
		assertThat(cache.get(new SimpleKey()).get()).isEqualTo(new Order("empty", 0));
	}

	@Test
	void moreKeysThanTheMemoHoldsStillMapToTheirEntries() {
		FlecheCache cache = orders();
		int count = SpringCacheKeys.MEMO_SIZE + 500;
		for (int i = 0; i < count; i++) {
			cache.put(i, new Order("o" + i, i));
		}
		for (int i = 0; i < count; i += 97) {
			assertThat(cache.get(i).get()).isEqualTo(new Order("o" + i, i));
			assertThat(cache.get((long) i)).as("a Long is another key").isNull();
		}
	}

	@Test
	void aKeyWithoutCanonicalFormIsNamed() {
		assertThatIllegalArgumentException().isThrownBy(() -> orders().get(new Object()))
			.withMessageContaining("java.lang.Object")
			.withMessageContaining("'orders'");
	}

	@Test
	void putIfAbsentKeepsTheFirstValue() {
		FlecheCache cache = orders();
		assertThat(cache.putIfAbsent("k", new Order("first", 1))).isNull();
		assertThat(cache.putIfAbsent("k", new Order("second", 2)).get()).isEqualTo(new Order("first", 1));
		assertThat(cache.get("k", Order.class)).isEqualTo(new Order("first", 1));
	}

	@Test
	void putIfAbsentRacesStoreOneValue() throws Exception {
		FlecheCache cache = orders();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Cache.ValueWrapper>> results = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			int n = i;
			results.add(pool.submit(() -> {
				start.await();
				return cache.putIfAbsent("raced", new Order("o" + n, n));
			}));
		}
		start.countDown();
		int winners = 0;
		for (Future<Cache.ValueWrapper> result : results) {
			if (result.get(10, TimeUnit.SECONDS) == null) {
				winners++;
			}
		}
		pool.shutdown();
		assertThat(winners).isOne();
	}

	@Test
	void evictIfPresentTellsWhetherSomethingWasThere() {
		FlecheCache cache = orders();
		cache.put("k", new Order("k", 1));
		assertThat(cache.evictIfPresent("k")).isTrue();
		assertThat(cache.evictIfPresent("k")).isFalse();
		cache.evict("k");
		assertThat(cache.get("k")).isNull();
	}

	@Test
	void invalidateRemovesOnlyThisCache() {
		Digest foreign = this.values.save("a value of a cached call");
		FlecheCache cache = orders();
		FlecheCache other = this.manager.getCache("other", Order.class);
		cache.put("a", new Order("a", 1));
		cache.put("b", new Order("b", 1));
		other.put("a", new Order("a", 9));
		assertThat(cache.invalidate()).isTrue();
		assertThat(cache.invalidate()).isFalse();
		assertThat(cache.get("a")).isNull();
		assertThat(other.get("a").get()).isEqualTo(new Order("a", 9));
		assertThat(this.values.load(foreign.hex(), String.class)).isEqualTo("a value of a cached call");
		other.clear();
		assertThat(other.get("a")).isNull();
		assertThat(this.values.list()).containsExactly(foreign);
	}

	@Test
	void anUnreadableEntryIsAMissAndATypedGetFails() {
		FlecheCache cache = orders();
		this.manager.getCache("orders").put("bad", "not an order");
		assertThat(cache.get("bad")).isNull();
		assertThatIllegalStateException().isThrownBy(() -> cache.get("bad", Order.class))
			.withMessageContaining("required type");
	}

	@Test
	void valueLoaderRunsOnceUnderConcurrency() throws Exception {
		FlecheCache cache = orders();
		AtomicInteger runs = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Order>> results = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			results.add(pool.submit(() -> {
				start.await();
				return cache.get("once", () -> {
					runs.incrementAndGet();
					Thread.sleep(100);
					return new Order("once", 1);
				});
			}));
		}
		start.countDown();
		for (Future<Order> result : results) {
			assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(new Order("once", 1));
		}
		pool.shutdown();
		assertThat(runs).hasValue(1);
	}

	@Test
	void aFailingValueLoaderStoresNothing() {
		FlecheCache cache = orders();
		assertThatThrownBy(() -> cache.get("k", () -> {
			throw new IllegalStateException("boom");
		})).isInstanceOf(Cache.ValueRetrievalException.class).hasRootCauseMessage("boom");
		assertThat(cache.get("k")).isNull();
		assertThat(cache.get("k", () -> new Order("k", 3))).isEqualTo(new Order("k", 3));
	}

	@Test
	void syncTimeoutFailsAWaitingLoader() throws Exception {
		FlecheCacheManager impatient = FlecheCacheManager.builder(this.values, this.locks)
			.syncTimeout(Duration.ofMillis(50))
			.build();
		FlecheCache cache = impatient.getCache("slow", Order.class);
		CountDownLatch computing = new CountDownLatch(1);
		CountDownLatch finish = new CountDownLatch(1);
		CompletableFuture<Order> first = CompletableFuture.supplyAsync(() -> cache.get("k", () -> {
			computing.countDown();
			finish.await();
			return new Order("k", 1);
		}));
		assertThat(computing.await(5, TimeUnit.SECONDS)).isTrue();
		assertThatThrownBy(() -> cache.get("k", () -> new Order("other", 2)))
			.isInstanceOf(dev.fleche.core.lock.LockTimeoutException.class);
		finish.countDown();
		assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(new Order("k", 1));
	}

	@Test
	void retrieveIsAsynchronousAndTellsNullFromMissing() throws Exception {
		FlecheCache cache = orders();
		assertThat(cache.retrieve("k").get(5, TimeUnit.SECONDS)).isNull();
		cache.put("k", new Order("k", 1));
		cache.put("n", null);
		assertThat(((Cache.ValueWrapper) cache.retrieve("k").get(5, TimeUnit.SECONDS)).get()).isEqualTo(new Order("k", 1));
		Cache.ValueWrapper cachedNull = (Cache.ValueWrapper) cache.retrieve("n").get(5, TimeUnit.SECONDS);
		assertThat(cachedNull).isNotNull();
		assertThat(cachedNull.get()).isNull();
	}

	@Test
	void retrieveWithLoaderComputesOnceAndReleasesTheEntry() throws Exception {
		FlecheCache cache = orders();
		AtomicInteger runs = new AtomicInteger();
		CompletableFuture<Order> gate = new CompletableFuture<>();
		List<CompletableFuture<Order>> results = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			results.add(cache.retrieve("k", () -> {
				runs.incrementAndGet();
				return gate;
			}));
		}
		Thread.sleep(50);
		gate.complete(new Order("k", 5));
		for (CompletableFuture<Order> result : results) {
			assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo(new Order("k", 5));
		}
		assertThat(runs).hasValue(1);
		assertThat(cache.retrieve("k", () -> CompletableFuture.completedFuture(new Order("x", 0))).get(5,
				TimeUnit.SECONDS)).isEqualTo(new Order("k", 5));
	}

	@Test
	void aFailedAsyncLoadStoresNothingAndFreesTheEntry() throws Exception {
		FlecheCache cache = orders();
		CompletableFuture<Order> failed = cache.retrieve("k",
				() -> CompletableFuture.failedFuture(new IllegalStateException("boom")));
		assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("boom");
		assertThat(cache.get("k")).isNull();
		assertThat(cache.retrieve("k", () -> CompletableFuture.completedFuture(new Order("k", 2))).get(5,
				TimeUnit.SECONDS)).isEqualTo(new Order("k", 2));
	}

	/** A clock the test moves. */
	static final class MovingClock extends java.time.Clock {

		private final java.util.concurrent.atomic.AtomicLong millis = new java.util.concurrent.atomic.AtomicLong(1_000_000);

		void advance(Duration by) {
			this.millis.addAndGet(by.toMillis());
		}

		@Override
		public long millis() {
			return this.millis.get();
		}

		@Override
		public java.time.Instant instant() {
			return java.time.Instant.ofEpochMilli(millis());
		}

		@Override
		public java.time.ZoneId getZone() {
			return java.time.ZoneOffset.UTC;
		}

		@Override
		public java.time.Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

	@Test
	void entriesExpireAfterTheirCachesExpiry() {
		MovingClock clock = new MovingClock();
		FlecheCacheManager expiring = FlecheCacheManager.builder(this.values, this.locks)
			.expireAfter(Duration.ofMinutes(10))
			.expireAfter("short", Duration.ofSeconds(5))
			.clock(clock)
			.build();
		FlecheCache shortLived = expiring.getCache("short", Order.class);
		FlecheCache longLived = expiring.getCache("long", Order.class);
		shortLived.put("k", new Order("k", 1));
		longLived.put("k", new Order("k", 1));
		shortLived.put("n", null);
		clock.advance(Duration.ofSeconds(4));
		assertThat(shortLived.get("k").get()).isEqualTo(new Order("k", 1));
		assertThat(shortLived.get("n")).isNotNull();
		clock.advance(Duration.ofSeconds(1));
		assertThat(shortLived.get("k")).isNull();
		assertThat(shortLived.get("n")).as("a cached null expires too").isNull();
		assertThat(shortLived.get("k", Order.class)).isNull();
		assertThat(longLived.get("k").get()).isEqualTo(new Order("k", 1));
		assertThat(shortLived.putIfAbsent("k", new Order("k", 2))).as("an expired entry is absent").isNull();
		assertThat(shortLived.get("k", () -> new Order("k", 3))).isEqualTo(new Order("k", 2));
		clock.advance(Duration.ofMinutes(10));
		assertThat(longLived.get("k")).isNull();
		assertThat(shortLived.get("k", () -> new Order("k", 3))).isEqualTo(new Order("k", 3));
	}

	@Test
	void anExpiryMustBePositive() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FlecheCacheManager.builder(this.values, this.locks).expireAfter(Duration.ZERO));
	}

	@Test
	void fixedCacheNamesRefuseOthers() {
		FlecheCacheManager fixed = FlecheCacheManager.builder(this.values, this.locks)
			.cacheNames(List.of("a", "b"))
			.build();
		assertThat(fixed.getCacheNames()).containsExactly("a", "b");
		assertThat(fixed.getCache("c")).isNull();
		assertThat(fixed.getCache("a")).isNotNull();
	}

}
