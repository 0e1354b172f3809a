package dev.fleche.core.cache.eviction;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import dev.fleche.core.cache.CallCache;
import dev.fleche.core.cache.CallSpec;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.storage.memory.MemoryStorage;
import dev.fleche.core.testing.TickingClock;

/**
 * A collection of orphans stuck half-way: hits go on, a save waits for it and then completes.
 */
class HitsDuringCollectionTest {

	@Test
	void aHitNeverWaitsForACollectionAndASaveWaitsOnlyUntilItEnds() throws Throwable {
		ValueStorage memory = MemoryStorage.values();
		CountDownLatch collecting = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicBoolean blockEvicts = new AtomicBoolean();
		ValueStorage values = (ValueStorage) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { ValueStorage.class }, (proxy, method, args) -> {
					if (method.getName().equals("evict") && blockEvicts.get()) {
						collecting.countDown();
						release.await(30, TimeUnit.SECONDS);
					}
					try {
						return method.invoke(memory, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
		var calls = MemoryStorage.calls();
		try (SizeLimiter limiter = new SizeLimiter(values, calls, Long.MAX_VALUE, new TickingClock())) {
			CallCache cache = CallCache.builder(values, calls).sizeLimiter(limiter).build();
			CallSpec hot = new CallSpec("test#hot", "1", Map.of("n", 1), String.class);
			assertThat(cache.call(hot, () -> "stored")).isEqualTo("stored");
			values.save("an orphan");
			blockEvicts.set(true);
			CompletableFuture<Integer> collection = CompletableFuture.supplyAsync(limiter::collectOrphans);
			assertThat(collecting.await(30, TimeUnit.SECONDS)).isTrue();
			for (int i = 0; i < 100; i++) {
				assertThat(cache.call(hot, () -> "recomputed")).isEqualTo("stored");
			}
			CompletableFuture<Object> save = CompletableFuture.supplyAsync(() -> {
				try {
					return cache.call(new CallSpec("test#cold", "1", Map.of("n", 2), String.class), () -> "new");
				}
				catch (Throwable ex) {
					throw new IllegalStateException(ex);
				}
			});
			assertThat(save).isNotDone();
			assertThat(collection).isNotDone();
			release.countDown();
			assertThat(collection.get(30, TimeUnit.SECONDS)).isEqualTo(1);
			assertThat(save.get(30, TimeUnit.SECONDS)).isEqualTo("new");
			assertThat(cache.call(new CallSpec("test#cold", "1", Map.of("n", 2), String.class), () -> "again"))
				.isEqualTo("new");
		}
	}

}
