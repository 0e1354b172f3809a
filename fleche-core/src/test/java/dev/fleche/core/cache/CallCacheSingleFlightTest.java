package dev.fleche.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import org.junit.jupiter.api.io.TempDir;

import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.disk.DiskLockBackend;
import dev.fleche.core.lock.support.LockServices;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.storage.memory.MemoryStorage;

/**
 * Concurrent misses of one key compute once: across threads, across caches that share a lock
 * backend, with the leader's failure shared and an interrupted follower told.
 */
class CallCacheSingleFlightTest {

	private final ValueStorage values = MemoryStorage.values();

	private final CallStorage calls = MemoryStorage.calls();

	private final CallCache cache = CallCache.builder(this.values, this.calls).build();

	private final List<AutoCloseable> closeables = new ArrayList<>();

	@TempDir
	Path directory;

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
	}

	private static CallSpec spec(String version, Object a, Class<?> type) {
		Map<String, Object> arguments = new LinkedHashMap<>();
		arguments.put("a", a);
		return new CallSpec("test#f", version, arguments, type);
	}

	@Test
	void concurrentMissesRunOnce() throws Exception {
		AtomicInteger runs = new AtomicInteger();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(10);
		try {
			List<Future<Object>> results = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				results.add(pool.submit(() -> {
					start.await();
					try {
						return this.cache.call(spec("1", 1, String.class), () -> {
							runs.incrementAndGet();
							Thread.sleep(200);
							return "once";
						});
					}
					catch (Throwable ex) {
						throw new IllegalStateException(ex);
					}
				}));
			}
			start.countDown();
			for (Future<Object> result : results) {
				assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo("once");
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(runs).hasValue(1);
	}

	@Test
	void followersOfAFailedComputationGetItsException() throws Exception {
		CountDownLatch running = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<Object> leader = CompletableFuture.supplyAsync(() -> {
			try {
				return this.cache.call(spec("1", 1, String.class), () -> {
					running.countDown();
					release.await();
					throw new IllegalArgumentException("shared failure");
				});
			}
			catch (Throwable ex) {
				throw new java.util.concurrent.CompletionException(ex);
			}
		});
		running.await(10, TimeUnit.SECONDS);
		CompletableFuture<Object> follower = CompletableFuture.supplyAsync(() -> {
			try {
				return this.cache.call(spec("1", 1, String.class), () -> "should not run");
			}
			catch (Throwable ex) {
				throw new java.util.concurrent.CompletionException(ex);
			}
		});
		Thread.sleep(100);
		release.countDown();
		assertThatThrownBy(() -> leader.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("shared failure");
		assertThatThrownBy(() -> follower.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("shared failure");
	}

	@Test
	void aFollowerInterruptedWhileWaitingGetsAnUncheckedErrorAndKeepsItsInterrupt() throws Exception {
		CountDownLatch running = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture.runAsync(() -> {
			try {
				this.cache.call(spec("1", 9, String.class), () -> {
					running.countDown();
					release.await();
					return "done";
				});
			}
			catch (Throwable ex) {
				throw new IllegalStateException(ex);
			}
		});
		assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
		java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
		java.util.concurrent.atomic.AtomicBoolean stillInterrupted = new java.util.concurrent.atomic.AtomicBoolean();
		Thread follower = new Thread(() -> {
			try {
				this.cache.call(spec("1", 9, String.class), () -> "not me");
			}
			catch (Throwable ex) {
				failure.set(ex);
				stillInterrupted.set(Thread.currentThread().isInterrupted());
			}
		});
		follower.start();
		Thread.sleep(100);
		follower.interrupt();
		follower.join(10_000);
		release.countDown();
		assertThat(failure.get()).isInstanceOf(dev.fleche.core.FlecheException.class)
			.hasMessageContaining("test#f")
			.hasCauseInstanceOf(InterruptedException.class);
		assertThat(stillInterrupted).isTrue();
	}

	@Test
	void cachesSharingALockBackendComputeOnceAcrossThem() throws Exception {
		LockService first = LockServices.create(DiskLockBackend.open(this.directory));
		LockService second = LockServices.create(DiskLockBackend.open(this.directory));
		this.closeables.add(first);
		this.closeables.add(second);
		CallCache one = CallCache.builder(this.values, this.calls).lockService(first).build();
		CallCache two = CallCache.builder(this.values, this.calls).lockService(second).build();
		AtomicInteger runs = new AtomicInteger();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<Object>> results = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				CallCache cache = (i % 2 == 0) ? one : two;
				results.add(pool.submit(() -> {
					start.await();
					try {
						return cache.call(spec("1", 1, String.class), () -> {
							runs.incrementAndGet();
							Thread.sleep(150);
							return "shared";
						});
					}
					catch (Throwable ex) {
						throw new IllegalStateException(ex);
					}
				}));
			}
			start.countDown();
			for (Future<Object> result : results) {
				assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo("shared");
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(runs).hasValue(1);
	}

}
