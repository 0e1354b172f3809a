package dev.fleche.autoconfigure.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Lock;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.integration.support.locks.DistributedLock;

import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.disk.DiskLockBackend;
import dev.fleche.core.lock.local.LocalLockBackend;
import dev.fleche.core.lock.support.LockServices;

class FlecheLockRegistryTests {

	@TempDir
	Path directory;

	private final List<LockService> services = new ArrayList<>();

	private final ExecutorService pool = Executors.newCachedThreadPool();

	@AfterEach
	void close() {
		this.pool.shutdownNow();
		this.services.forEach(LockService::close);
	}

	private FlecheLockRegistry registry(String region, Duration lease) {
		LockService locks = LockServices.create(new LocalLockBackend());
		this.services.add(locks);
		return new FlecheLockRegistry(locks, region, lease);
	}

	private FlecheLockRegistry registry() {
		return registry("test", null);
	}

	private boolean tryLockElsewhere(FlecheLockRegistry registry, String key) throws Exception {
		return this.pool.submit(() -> {
			Lock lock = registry.obtain(key);
			boolean got = lock.tryLock();
			if (got) {
				lock.unlock();
			}
			return got;
		}).get(5, TimeUnit.SECONDS);
	}

	@Test
	void obtainLockUnlock() throws Exception {
		FlecheLockRegistry registry = registry();
		Lock lock = registry.obtain("order-1");
		lock.lock();
		assertThat(tryLockElsewhere(registry, "order-1")).isFalse();
		assertThat(tryLockElsewhere(registry, "order-2")).isTrue();
		lock.unlock();
		assertThat(tryLockElsewhere(registry, "order-1")).isTrue();
	}

	@Test
	void reentrantForTheHoldingThreadAcrossObtainCalls() throws Exception {
		FlecheLockRegistry registry = registry();
		registry.obtain("k").lock();
		assertThat(registry.obtain("k").tryLock()).isTrue();
		registry.obtain("k").unlock();
		assertThat(tryLockElsewhere(registry, "k")).isFalse();
		registry.obtain("k").unlock();
		assertThat(tryLockElsewhere(registry, "k")).isTrue();
	}

	@Test
	void tryLockWithTimeoutWaitsForTheRelease() throws Exception {
		FlecheLockRegistry registry = registry();
		Lock held = registry.obtain("k");
		held.lock();
		Future<Boolean> impatient = this.pool.submit(() -> registry.obtain("k").tryLock(50, TimeUnit.MILLISECONDS));
		assertThat(impatient.get(5, TimeUnit.SECONDS)).isFalse();
		CountDownLatch waiting = new CountDownLatch(1);
		Future<Boolean> patient = this.pool.submit(() -> {
			waiting.countDown();
			Lock lock = registry.obtain("k");
			boolean got = lock.tryLock(5, TimeUnit.SECONDS);
			lock.unlock();
			return got;
		});
		waiting.await();
		Thread.sleep(50);
		held.unlock();
		assertThat(patient.get(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void unlockByAThreadThatHoldsNothingIsIllegal() throws Exception {
		FlecheLockRegistry registry = registry();
		registry.obtain("k").lock();
		Future<?> other = this.pool.submit(() -> registry.obtain("k").unlock());
		assertThatExceptionOfType(java.util.concurrent.ExecutionException.class)
			.isThrownBy(() -> other.get(5, TimeUnit.SECONDS))
			.withCauseInstanceOf(IllegalMonitorStateException.class);
		registry.obtain("k").unlock();
		assertThatExceptionOfType(IllegalMonitorStateException.class).isThrownBy(() -> registry.obtain("k").unlock());
	}

	@Test
	void executeLockedRunsUnderTheLockAndTimesOut() throws Exception {
		FlecheLockRegistry registry = registry();
		String value = registry.executeLocked("k", () -> {
			assertThat(tryLockElsewhere(registry, "k")).isFalse();
			return "ran";
		});
		assertThat(value).isEqualTo("ran");
		registry.obtain("k").lock();
		Future<?> blocked = this.pool.submit(() -> {
			registry.executeLocked("k", Duration.ofMillis(50), () -> {
			});
			return null;
		});
		assertThatExceptionOfType(java.util.concurrent.ExecutionException.class)
			.isThrownBy(() -> blocked.get(5, TimeUnit.SECONDS))
			.withCauseInstanceOf(TimeoutException.class);
		registry.obtain("k").unlock();
	}

	@Test
	void aLeaseExpiresAndRenewalKeepsIt() throws Exception {
		FlecheLockRegistry registry = registry("test", Duration.ofMillis(300));
		DistributedLock lock = registry.obtain("k");
		lock.lock();
		for (int i = 0; i < 4; i++) {
			Thread.sleep(150);
			registry.renewLock("k");
		}
		assertThat(tryLockElsewhere(registry, "k")).as("renewed, still held").isFalse();
		registry.renewLock("k", Duration.ofMillis(100));
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> tryLockElsewhere(registry, "k"));
		assertThatIllegalStateException().isThrownBy(lock::unlock).withMessageContaining("expired");
	}

	@Test
	void lockWithATimeToLive() throws Exception {
		FlecheLockRegistry registry = registry();
		DistributedLock lock = registry.obtain("k");
		assertThat(lock.tryLock(Duration.ZERO, Duration.ofMillis(100))).isTrue();
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> tryLockElsewhere(registry, "k"));
		assertThatIllegalStateException().isThrownBy(() -> registry.renewLock("k")).withMessageContaining("no lease");
	}

	@Test
	void renewingALockNotHeldIsAnError() {
		FlecheLockRegistry registry = registry();
		assertThatIllegalStateException().isThrownBy(() -> registry.renewLock("k", Duration.ofSeconds(1)))
			.withMessageContaining("does not hold");
	}

	@Test
	void regionsDoNotCollide() throws Exception {
		LockService locks = LockServices.create(new LocalLockBackend());
		this.services.add(locks);
		FlecheLockRegistry a = new FlecheLockRegistry(locks, "a", null);
		FlecheLockRegistry b = new FlecheLockRegistry(locks, "b", null);
		a.obtain("k").lock();
		assertThat(tryLockElsewhere(b, "k")).isTrue();
		assertThat(tryLockElsewhere(a, "k")).isFalse();
		a.obtain("k").unlock();
		assertThatIllegalArgumentException().isThrownBy(() -> new FlecheLockRegistry(locks, " ", null));
	}

	@Test
	void conditionsAreNotSupported() {
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> registry().obtain("k").newCondition());
	}

	@Test
	void aNonAtomicCounterStaysExactOnTheDiskBackend() throws Exception {
		LockService locks = LockServices.create(DiskLockBackend.open(this.directory.resolve("locks")));
		this.services.add(locks);
		FlecheLockRegistry registry = new FlecheLockRegistry(locks, "fuzz", null);
		int[] counter = { 0 };
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<Void>> workers = new ArrayList<>();
		for (int t = 0; t < 4; t++) {
			workers.add(CompletableFuture.runAsync(() -> {
				try {
					start.await();
					for (int i = 0; i < 100; i++) {
						Lock lock = registry.obtain("counter");
						lock.lock();
						try {
							int read = counter[0];
							Thread.yield();
							counter[0] = read + 1;
						}
						finally {
							lock.unlock();
						}
					}
				}
				catch (InterruptedException ex) {
					throw new IllegalStateException(ex);
				}
			}, this.pool));
		}
		start.countDown();
		CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
		assertThat(counter[0]).isEqualTo(400);
	}

}
