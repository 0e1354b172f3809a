package dev.fleche.core.lock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static dev.fleche.core.lock.LockTestThreads.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The contract every lock backend meets, run through the {@link LockService}: this class and
 * {@link LockServiceOwnershipContract} and {@link LockServiceContractBase} together. A backend's test extends this and creates a service
 * in {@link #createService()}; a cross-process backend may keep its files in {@link #directory}.
 */
public abstract class AbstractLockServiceContractTest extends LockServiceOwnershipContract {

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

}
