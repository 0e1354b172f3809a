package dev.fleche.core.lock;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
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
 * The contract every lock backend meets, run through the {@link LockService}. A backend's test
 * extends this and creates a service in {@link #createService()}; a cross-process backend may keep
 * its files in {@link #directory}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class AbstractLockServiceContractTest {

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

	@Test
	void mutexGrantsInArrivalOrder() throws Exception {
		String key = key();
		Lock lock = this.service.lock(key);
		LockHandle held = lock.acquire();
		List<long[]> order = queueInOrder(key, 5, lock);
		held.release();
		awaitOrder(order, 5);
	}

	@Test
	void semaphoreGrantsInArrivalOrder() throws Exception {
		String key = key();
		BoundedSemaphore semaphore = this.service.semaphore(key, 3);
		List<LockHandle> held = List.of(semaphore.acquire(), semaphore.acquire(), semaphore.acquire());
		List<long[]> order = queueInOrder(key, 6, semaphore);
		for (LockHandle permit : held) {
			permit.release();
		}
		awaitOrder(order, 6);
	}

	@Test
	void queuedWriterIsServedBeforeReadersThatCameAfterIt() throws Exception {
		ReadWriteLock rw = this.service.readWriteLock(key());
		LockHandle reader = rw.read().acquire();
		assertThat(rw.read().tryAcquire()).hasValueSatisfying(LockHandle::release);
		List<String> order = new CopyOnWriteArrayList<>();
		Future<?> writer = this.threads.run(() -> {
			try (LockHandle handle = rw.write().acquire()) {
				order.add("writer");
			}
		});
		awaitQueued(rw.key(), 1);
		assertThat(rw.read().tryAcquire()).isEmpty();
		Future<?> lateReader = this.threads.run(() -> {
			try (LockHandle handle = rw.read().acquire()) {
				order.add("reader");
			}
		});
		awaitQueued(rw.key(), 2);
		assertThat(order).isEmpty();
		reader.release();
		result(writer);
		result(lateReader);
		assertThat(order).containsExactly("writer", "reader");
	}

	@Test
	void compatibleRequestsAtTheHeadAreGrantedTogether() throws Exception {
		ReadWriteLock rw = this.service.readWriteLock(key());
		LockHandle writer = rw.write().acquire();
		List<CompletableFuture<LockHandle>> readers = List.of(rw.read().acquireAsync(), rw.read().acquireAsync(),
				rw.read().acquireAsync());
		assertThat(readers).noneMatch(CompletableFuture::isDone);
		writer.release();
		for (CompletableFuture<LockHandle> reader : readers) {
			assertThat(reader.get(10, TimeUnit.SECONDS).isHeld()).isTrue();
		}
		assertThat(this.service.fifo(rw.key()).held().count(LockMode.READ)).isEqualTo(3);
		readers.forEach((reader) -> reader.join().release());
	}

	@Test
	void cancelledWaiterUnblocksThoseBehindIt() throws Exception {
		ReadWriteLock rw = this.service.readWriteLock(key());
		LockHandle reader = rw.read().acquire();
		CompletableFuture<LockHandle> writer = rw.write().acquireAsync();
		CompletableFuture<LockHandle> lateReader = rw.read().acquireAsync();
		assertThat(lateReader).isNotDone();
		assertThat(writer.cancel(true)).isTrue();
		assertThat(lateReader.get(10, TimeUnit.SECONDS).isHeld()).isTrue();
		assertThat(this.service.fifo(rw.key()).queueLength()).isZero();
		lateReader.join().release();
		reader.release();
		assertThat(rw.write().tryAcquire()).hasValueSatisfying(LockHandle::release);
	}

	@Test
	void timedOutWaiterUnblocksThoseBehindIt() throws Exception {
		ReadWriteLock rw = this.service.readWriteLock(key());
		LockHandle reader = rw.read().acquire();
		Future<Boolean> writer = this.threads.submit(() -> rw.write().tryAcquire(Duration.ofMillis(300)).isPresent());
		awaitQueued(rw.key(), 1);
		CompletableFuture<LockHandle> lateReader = rw.read().acquireAsync();
		assertThat(result(writer)).isFalse();
		assertThat(lateReader.get(10, TimeUnit.SECONDS).isHeld()).isTrue();
		lateReader.join().release();
		reader.release();
		assertThat(rw.write().isLocked()).isFalse();
	}

	@Test
	void fencingTokensStrictlyIncrease() throws Exception {
		String key = key();
		List<Long> tokens = Collections.synchronizedList(new ArrayList<>());
		for (int i = 0; i < 5; i++) {
			try (LockHandle handle = this.service.lock(key).acquire()) {
				tokens.add(handle.token());
			}
			try (LockHandle handle = this.service.readWriteLock(key).write().acquire()) {
				tokens.add(handle.token());
			}
		}
		List<Future<?>> workers = new ArrayList<>();
		for (int t = 0; t < 4; t++) {
			workers.add(this.threads.run(() -> {
				for (int i = 0; i < 10; i++) {
					try (LockHandle handle = this.service.lock(key).acquire()) {
						tokens.add(handle.token());
					}
				}
			}));
		}
		for (Future<?> worker : workers) {
			result(worker);
		}
		assertThat(tokens).hasSize(50).isSorted().doesNotHaveDuplicates();
		assertThat(this.service.state(key)).hasValueSatisfying((state) -> assertThat(state.lastToken())
			.isEqualTo(tokens.get(tokens.size() - 1)));
	}

	@Test
	void userDefinedModeFollowsItsRule() throws Exception {
		LockMode audit = LockMode.of("audit", (held) -> held.count(LockMode.WRITE) == 0);
		FifoLock fifo = this.service.fifo(key());
		LockHandle reader = fifo.mode(LockMode.READ).acquire();
		LockHandle auditor = fifo.mode(audit).tryAcquire().orElseThrow();
		assertThat(fifo.held().count(audit)).isEqualTo(1);
		assertThat(fifo.held().total()).isEqualTo(2);
		auditor.release();
		reader.release();
		LockHandle writer = fifo.mode(LockMode.WRITE).acquire();
		CompletableFuture<LockHandle> waitingAuditor = fifo.mode(audit).acquireAsync();
		assertThat(waitingAuditor).isNotDone();
		assertThat(fifo.queueLength()).isEqualTo(1);
		writer.release();
		waitingAuditor.get(10, TimeUnit.SECONDS).release();
	}

	@Test
	void acquiresAsynchronously() throws Exception {
		Lock lock = this.service.lock(key());
		LockHandle first = lock.acquireAsync().get(10, TimeUnit.SECONDS);
		CompletableFuture<LockHandle> second = lock.acquireAsync();
		assertThat(second).isNotDone();
		CompletableFuture<LockHandle> timed = lock.acquireAsync(Duration.ofMillis(100));
		assertThatThrownBy(() -> timed.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
			.hasCauseInstanceOf(LockTimeoutException.class);
		CompletableFuture<LockHandle> cancelled = lock.acquireAsync();
		cancelled.cancel(true);
		assertThatThrownBy(cancelled::join).isInstanceOf(CancellationException.class);
		first.release();
		LockHandle secondHandle = second.get(10, TimeUnit.SECONDS);
		assertThat(secondHandle.token()).isGreaterThan(first.token());
		assertThat(this.service.fifo(lock.key()).queueLength()).isZero();
		secondHandle.release();
		assertThat(lock.isLocked()).isFalse();
	}

	@Test
	void interruptedWaiterWithdrawsAndHoldsNothing() throws Exception {
		Lock lock = this.service.lock(key());
		LockHandle held = lock.acquire();
		CountDownLatch interrupted = new CountDownLatch(1);
		Future<?> waiter = this.threads.run(() -> {
			assertThatExceptionOfType(InterruptedException.class).isThrownBy(lock::acquire);
			interrupted.countDown();
		});
		awaitQueued(lock.key(), 1);
		waiter.cancel(true);
		assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
		awaitQueued(lock.key(), 0);
		held.release();
		assertThat(lock.isLocked()).isFalse();
		assertThat(lock.tryAcquire()).hasValueSatisfying(LockHandle::release);
	}

	@Test
	void listenersHearEveryEventAndAThrowingListenerIsIgnored() throws Exception {
		List<String> events = new CopyOnWriteArrayList<>();
		this.service.addListener(new LockListener() {
			@Override
			public void acquired(String key, LockMode mode, long token, long waitNanos, boolean contended) {
				throw new IllegalStateException("listener failure");
			}
		});
		this.service.addListener(new RecordingListener(events));
		Lock lock = this.service.lock(key(), LockOptions.defaults().withTags("events"));
		LockHandle held = lock.acquire();
		Future<?> waiter = this.threads.run(() -> lock.acquire(Duration.ofSeconds(10)).release());
		awaitQueued(lock.key(), 1);
		held.release();
		result(waiter);
		assertThat(lock.tryAcquire(Duration.ofMillis(50))).hasValueSatisfying((handle) -> {
			assertThat(this.service.releaseTagged("events")).isEqualTo(1);
			assertThat(handle.leaseLost()).succeedsWithin(Duration.ofSeconds(10));
		});
		lock.acquire();
		assertThat(this.threads.submit(() -> lock.tryAcquire(Duration.ofMillis(50)))).succeedsWithin(Duration.ofSeconds(10))
			.satisfies((handle) -> assertThat(handle).isEmpty());
		assertThat(events.get(0)).isEqualTo("acquired:false");
		assertThat(events.subList(0, 5)).containsSubsequence("waiting", "acquired:true")
			.containsOnly("acquired:false", "waiting", "acquired:true", "released")
			.filteredOn("released"::equals)
			.hasSize(2);
		assertThat(events.subList(5, events.size())).containsExactly("acquired:false", "leaseLost", "acquired:false",
				"waiting", "timedOut");
	}

	@Test
	void releaseTaggedTakesAwayOnlyTaggedGrants() throws Exception {
		Lock tagged = this.service.lock(key(), LockOptions.defaults().withTags("batch", "nightly"));
		Lock untagged = this.service.lock(key());
		LockHandle taggedHandle = tagged.acquire();
		LockHandle untaggedHandle = untagged.acquire();
		assertThat(this.service.state(tagged.key())).hasValueSatisfying((state) -> {
			assertThat(state.tags()).contains("batch", "nightly");
			assertThat(state.holders()).singleElement().satisfies((holder) -> {
				assertThat(holder.mode()).isEqualTo("mutex");
				assertThat(holder.token()).isEqualTo(taggedHandle.token());
			});
		});
		assertThat(this.service.releaseTagged("batch")).isEqualTo(1);
		assertThat(taggedHandle.leaseLost()).succeedsWithin(Duration.ofSeconds(10));
		assertThat(tagged.isLocked()).isFalse();
		assertThat(untaggedHandle.isHeld()).isTrue();
		assertThat(this.service.releaseTagged("batch")).isZero();
		untaggedHandle.release();
	}

	@Test
	void badKeysAndPermitsAreRejectedByName() {
		assertThatThrownBy(() -> this.service.lock(" ")).isInstanceOf(LockException.class);
		assertThatThrownBy(() -> this.service.semaphore(key(), 0)).isInstanceOf(LockException.class)
			.hasMessageContaining("0");
	}

	/**
	 * Queues {@code count} threads on {@code acquirable} one after another; records each grant's
	 * token with the thread's arrival number.
	 */
	private List<long[]> queueInOrder(String key, int count, Acquirable acquirable) {
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
	private static void awaitOrder(List<long[]> grants, int count) {
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

	private static void awaitLatch(CountDownLatch latch) throws InterruptedException {
		if (!latch.await(10, TimeUnit.SECONDS)) {
			throw new IllegalStateException("Test latch not opened within 10 s");
		}
	}

}
