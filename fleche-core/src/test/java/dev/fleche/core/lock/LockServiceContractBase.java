package dev.fleche.core.lock;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static dev.fleche.core.lock.LockTestThreads.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The first half of the lock contract (acquire, release, leases, re-entrance, semaphores,
 * averagers) and the fixtures both halves share. Backends extend
 * {@link AbstractLockServiceContractTest}, which adds the second half and runs all of it.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class LockServiceContractBase {

	/** A directory private to the test, for backends that keep files. */
	@TempDir
	protected Path directory;

	protected LockService service;

	protected LockTestThreads threads;

	private final AtomicInteger keys = new AtomicInteger();

	/** A fresh service on the backend under test. */
	protected abstract LockService createService() throws Exception;

	/** The lease used by lease tests; a backend that checks leases coarsely may lengthen it. */
	protected Duration testLease() {
		return Duration.ofMillis(300);
	}

	@BeforeEach
	void createServiceAndThreads() throws Exception {
		this.service = createService();
		this.threads = new LockTestThreads();
	}

	@AfterEach
	void closeServiceAndThreads() throws Exception {
		this.threads.close();
		this.service.close();
	}

	/** A key not used before in this test. */
	protected String key() {
		return getClass().getSimpleName() + "-" + this.keys.incrementAndGet();
	}

	/** Waits until {@code count} requests queue on {@code key}. */
	protected void awaitQueued(String key, int count) {
		FifoLock view = this.service.fifo(key);
		await().atMost(Duration.ofSeconds(10)).until(() -> view.queueLength() == count);
	}

	@Test
	void acquiresReleasesAndClosesInTryWithResources() throws Exception {
		Lock lock = this.service.lock(key());
		LockHandle handle = lock.acquire();
		assertThat(handle.isHeld()).isTrue();
		assertThat(handle.key()).isEqualTo(lock.key());
		assertThat(handle.mode()).isEqualTo(LockMode.MUTEX);
		assertThat(lock.isLocked()).isTrue();
		handle.release();
		assertThat(handle.isHeld()).isFalse();
		assertThat(lock.isLocked()).isFalse();
		assertThatExceptionOfType(IllegalReleaseException.class).isThrownBy(handle::release)
			.satisfies((ex) -> assertThat(ex.key()).isEqualTo(lock.key()));
		try (LockHandle scoped = lock.acquire()) {
			assertThat(lock.isLocked()).isTrue();
			assertThat(scoped.isHeld()).isTrue();
		}
		assertThat(lock.isLocked()).isFalse();
		LockHandle closedTwice = lock.acquire();
		closedTwice.close();
		closedTwice.close();
		assertThat(lock.isLocked()).isFalse();
	}

	@Test
	void releasesTheCallingOwnersGrantWithoutAHandle() throws Exception {
		Lock lock = this.service.lock(key());
		lock.acquire();
		assertThat(this.service.lock(lock.key()).isLocked()).isTrue();
		this.service.lock(lock.key()).release();
		assertThat(lock.isLocked()).isFalse();
	}

	@Test
	void secondAcquirerWaitsUntilRelease() throws Exception {
		Lock lock = this.service.lock(key());
		LockHandle held = lock.acquire();
		CountDownLatch acquired = new CountDownLatch(1);
		Future<?> second = this.threads.run(() -> {
			try (LockHandle handle = lock.acquire()) {
				acquired.countDown();
			}
		});
		awaitQueued(lock.key(), 1);
		assertThat(acquired.getCount()).isEqualTo(1);
		assertThat(lock.isLocked()).isTrue();
		held.release();
		assertThat(acquired.await(10, TimeUnit.SECONDS)).isTrue();
		result(second);
		await().atMost(Duration.ofSeconds(10)).until(() -> !lock.isLocked());
	}

	@Test
	void timedAcquireGivesUpNearItsTimeoutWithTheTypedException() throws Exception {
		Lock lock = this.service.lock(key());
		lock.acquire();
		Duration timeout = Duration.ofMillis(200);
		Future<Long> waited = this.threads.submit(() -> {
			long start = System.nanoTime();
			assertThatExceptionOfType(LockTimeoutException.class).isThrownBy(() -> lock.acquire(timeout))
				.satisfies((ex) -> {
					assertThat(ex.key()).isEqualTo(lock.key());
					assertThat(ex.timeout()).isEqualTo(timeout);
				});
			return System.nanoTime() - start;
		});
		assertThat(Duration.ofNanos(result(waited))).isGreaterThanOrEqualTo(timeout.minusMillis(20))
			.isLessThan(timeout.plusSeconds(5));
		Future<Boolean> tried = this.threads.submit(() -> lock.tryAcquire(timeout).isPresent());
		assertThat(result(tried)).isFalse();
		Future<Boolean> triedNow = this.threads.submit(() -> lock.tryAcquire().isPresent());
		assertThat(result(triedNow)).isFalse();
		assertThat(this.service.fifo(lock.key()).queueLength()).isZero();
		assertThat(lock.isLocked()).isTrue();
		lock.release();
		assertThat(lock.tryAcquire(Duration.ZERO)).hasValueSatisfying(LockHandle::release);
	}

	@Test
	void leaseFreesALockWhoseHolderStopped() throws Exception {
		Lock lock = this.service.lock(key(), LockOptions.defaults().withLease(testLease()));
		LockHandle abandoned = result(this.threads.submit(lock::acquire));
		assertThat(abandoned.leaseExpiresAt()).isPresent();
		CompletableFuture<LockHandle> lost = abandoned.leaseLost();
		try (LockHandle next = lock.acquire(Duration.ofSeconds(10))) {
			assertThat(next.token()).isGreaterThan(abandoned.token());
		}
		assertThat(lost.get(10, TimeUnit.SECONDS)).isSameAs(abandoned);
		assertThat(abandoned.isLeaseLost()).isTrue();
		assertThat(abandoned.isHeld()).isFalse();
		assertThatExceptionOfType(IllegalReleaseException.class).isThrownBy(abandoned::release);
		abandoned.close();
	}

	@Test
	void reentrantLockAcquiredThreeTimesNeedsThreeReleases() throws Exception {
		RLock rlock = this.service.rlock(key());
		LockHandle first = rlock.acquire();
		LockHandle second = rlock.acquire();
		assertThat(rlock.tryAcquire()).isPresent();
		assertThat(rlock.holdCount()).isEqualTo(3);
		assertThat(second.token()).isEqualTo(first.token());
		CountDownLatch acquired = new CountDownLatch(1);
		Future<?> other = this.threads.run(() -> {
			try (LockHandle handle = this.service.rlock(rlock.key()).acquire()) {
				acquired.countDown();
			}
		});
		awaitQueued(rlock.key(), 1);
		rlock.release();
		second.release();
		assertThat(rlock.holdCount()).isEqualTo(1);
		assertThat(acquired.getCount()).isEqualTo(1);
		assertThat(rlock.isLocked()).isTrue();
		first.release();
		assertThat(rlock.holdCount()).isZero();
		assertThat(acquired.await(10, TimeUnit.SECONDS)).isTrue();
		result(other);
		assertThatExceptionOfType(IllegalReleaseException.class).isThrownBy(rlock::release);
	}

	@Test
	void releasingAnUnacquiredOrForeignLockFails() throws Exception {
		String key = key();
		Lock lock = this.service.lock(key);
		assertThatThrownBy(lock::release).isInstanceOf(IllegalReleaseException.class).hasMessageContaining(key);
		assertThatThrownBy(this.service.rlock(key)::release).isInstanceOf(IllegalReleaseException.class);
		CountDownLatch release = new CountDownLatch(1);
		Future<?> holder = this.threads.run(() -> {
			lock.acquire();
			awaitLatch(release);
			lock.release();
		});
		await().atMost(Duration.ofSeconds(10)).until(lock::isLocked);
		assertThatThrownBy(lock::release).isInstanceOf(IllegalReleaseException.class);
		assertThat(lock.isLocked()).isTrue();
		release.countDown();
		result(holder);
		assertThat(lock.isLocked()).isFalse();
	}

	@Test
	void boundedSemaphoreLetsExactlyItsPermitsIn() throws Exception {
		BoundedSemaphore semaphore = this.service.semaphore(key(), 3);
		assertThat(semaphore.permits()).isEqualTo(3);
		AtomicInteger inside = new AtomicInteger();
		AtomicInteger peak = new AtomicInteger();
		CountDownLatch allIn = new CountDownLatch(3);
		CountDownLatch leave = new CountDownLatch(1);
		List<Future<?>> workers = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			workers.add(this.threads.run(() -> {
				try (LockHandle permit = semaphore.acquire()) {
					peak.accumulateAndGet(inside.incrementAndGet(), Math::max);
					allIn.countDown();
					awaitLatch(leave);
					Thread.sleep(2);
					inside.decrementAndGet();
				}
			}));
		}
		assertThat(allIn.await(10, TimeUnit.SECONDS)).isTrue();
		awaitQueued(semaphore.key(), 5);
		assertThat(semaphore.available()).isZero();
		assertThat(semaphore.tryAcquire()).isEmpty();
		leave.countDown();
		for (Future<?> worker : workers) {
			result(worker);
		}
		assertThat(peak.get()).isEqualTo(3);
		assertThat(semaphore.available()).isEqualTo(3);
		semaphore.acquire();
		semaphore.acquire();
		result(this.threads.run(semaphore::release));
		semaphore.release();
		assertThatThrownBy(semaphore::release).isInstanceOf(IllegalReleaseException.class)
			.hasMessageContaining(semaphore.key());
	}

	@Test
	void averagerOfOneToTenAddedFromFiveThreadsIsFiveAndAHalf() throws Exception {
		Averager averager = this.service.averager(key());
		assertThat(averager.get()).isEmpty();
		CountDownLatch gate = new CountDownLatch(1);
		List<Future<?>> adders = new ArrayList<>();
		for (int t = 0; t < 5; t++) {
			int first = t * 2 + 1;
			adders.add(this.threads.run(() -> {
				awaitLatch(gate);
				averager.add(first);
				averager.add(first + 1);
			}));
		}
		gate.countDown();
		for (Future<?> adder : adders) {
			result(adder);
		}
		assertThat(averager.get()).isEqualTo(OptionalDouble.of(5.5));
		assertThat(averager.pop()).isEqualTo(OptionalDouble.of(5.5));
		assertThat(averager.get()).isEmpty();
		assertThat(averager.pop()).isEmpty();
	}

	protected List<long[]> queueInOrder(String key, int count, Acquirable acquirable) {
		List<long[]> grants = new CopyOnWriteArrayList<>();
		int queuedBefore = this.service.fifo(key).queueLength();
		for (int i = 0; i < count; i++) {
			int id = i;
			this.threads.run(() -> {
				try (LockHandle handle = acquirable.acquire(Duration.ofSeconds(20))) {
					grants.add(new long[] { handle.token(), id });
				}
			});
			awaitQueued(key, queuedBefore + i + 1);
		}
		return grants;
	}

	/** Asserts that the grants, in token order, went to threads in arrival order. */
	protected static void awaitOrder(List<long[]> grants, int count) {
		await().atMost(Duration.ofSeconds(10)).until(() -> grants.size() == count);
		List<long[]> byToken = new ArrayList<>(grants);
		byToken.sort(Comparator.comparingLong((long[] grant) -> grant[0]));
		List<Long> arrival = new ArrayList<>();
		List<Long> expected = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			arrival.add(byToken.get(i)[1]);
			expected.add((long) i);
		}
		assertThat(arrival).isEqualTo(expected);
	}

	protected static void awaitLatch(CountDownLatch latch) throws InterruptedException {
		if (!latch.await(10, TimeUnit.SECONDS)) {
			throw new IllegalStateException("Test latch not opened within 10 s");
		}
	}

}

