package dev.fleche.core.lock;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static dev.fleche.core.lock.LockTestThreads.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The part of the lock contract about who holds what: the typed release errors, extending a
 * lease, a thread that would wait for itself, and asynchronous grants that belong to their handle.
 */
public abstract class LockServiceOwnershipContract extends LockServiceContractBase {

	@Test
	void eachIllegalReleaseHasItsOwnType() throws Exception {
		Lock lock = this.service.lock(key());
		LockHandle handle = lock.acquire();
		handle.release();
		assertThatExceptionOfType(AlreadyReleasedException.class).isThrownBy(handle::release)
			.satisfies((ex) -> assertThat(ex.key()).isEqualTo(lock.key()));
		assertThatExceptionOfType(NotOwnerException.class).isThrownBy(lock::release);
		LockHandle held = lock.acquire();
		Future<?> foreign = this.threads.run(() -> assertThatExceptionOfType(NotOwnerException.class)
			.isThrownBy(lock::release));
		result(foreign);
		assertThat(held.isHeld()).isTrue();
		held.release();
		BoundedSemaphore semaphore = this.service.semaphore(key(), 2);
		semaphore.acquire().release();
		assertThatExceptionOfType(ReleasedAboveBoundException.class).isThrownBy(semaphore::release)
			.withMessageContaining(semaphore.key());
	}

	@Test
	void aHandleWhoseLeaseWasLostSaysSoAfterAFailedRelease() throws Exception {
		Lock lock = this.service.lock(key(), LockOptions.defaults().withLease(testLease()));
		LockHandle handle = lock.acquire();
		handle.leaseLost().get(10, TimeUnit.SECONDS);
		assertThat(handle.isLeaseLost()).isTrue();
		assertThatExceptionOfType(LeaseLostException.class).isThrownBy(handle::release)
			.withMessageContaining(lock.key());
		assertThat(handle.isLeaseLost()).isTrue();
		assertThat(handle.isHeld()).isFalse();
		assertThatExceptionOfType(AlreadyReleasedException.class).isThrownBy(handle::release);
		assertThat(handle.isLeaseLost()).isTrue();
		assertThatExceptionOfType(AlreadyReleasedException.class)
			.isThrownBy(() -> handle.extend(Duration.ofSeconds(1)));
	}

	@Test
	void extendingALeaseKeepsTheGrantPastItsFirstEnd() throws Exception {
		Duration lease = testLease();
		Lock lock = this.service.lock(key(), LockOptions.defaults().withLease(lease));
		LockHandle handle = lock.acquire();
		Instant first = handle.leaseExpiresAt().orElseThrow();
		handle.extend(lease.multipliedBy(20));
		assertThat(handle.leaseExpiresAt()).hasValueSatisfying((end) -> assertThat(end).isAfter(first));
		Thread.sleep(lease.multipliedBy(3).toMillis());
		assertThat(handle.isHeld()).isTrue();
		assertThat(handle.isLeaseLost()).isFalse();
		Future<Boolean> other = this.threads.submit(() -> lock.tryAcquire().isPresent());
		assertThat(result(other)).isFalse();
		handle.release();
		LockHandle unleased = this.service.lock(key()).acquire();
		assertThat(unleased.leaseExpiresAt()).isEmpty();
		unleased.extend(Duration.ofMinutes(5));
		assertThat(unleased.leaseExpiresAt()).isPresent();
		assertThat(unleased.isHeld()).isTrue();
		unleased.release();
	}

	@Test
	void extendingALostGrantFailsAndTheNextHolderKeepsTheLock() throws Exception {
		Lock lock = this.service.lock(key(), LockOptions.defaults().withLease(testLease()));
		LockHandle lost = result(this.threads.submit(lock::acquire));
		try (LockHandle next = lock.acquire(Duration.ofSeconds(10))) {
			assertThatExceptionOfType(LeaseLostException.class).isThrownBy(() -> lost.extend(Duration.ofMinutes(1)))
				.withMessageContaining(lock.key());
			assertThat(lost.isLeaseLost()).isTrue();
			assertThat(next.isHeld()).isTrue();
			assertThat(next.token()).isGreaterThan(lost.token());
		}
	}

	@Test
	void aWriteStartedInsideAReadOnTheSameThreadFailsAtOnce() throws Exception {
		ReadWriteLock rw = this.service.readWriteLock(key());
		try (LockHandle read = rw.read().acquire(Duration.ofSeconds(5))) {
			long start = System.nanoTime();
			assertThatExceptionOfType(SelfDeadlockException.class)
				.isThrownBy(() -> rw.write().acquire(Duration.ofSeconds(30)))
				.withMessageContaining(rw.key());
			assertThatExceptionOfType(SelfDeadlockException.class).isThrownBy(() -> rw.write().acquire());
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
			assertThat(rw.write().tryAcquire()).isEmpty();
			assertThat(read.isHeld()).isTrue();
		}
		try (LockHandle write = rw.write().acquire(Duration.ofSeconds(5))) {
			assertThat(write.isHeld()).isTrue();
		}
		FifoLock fifo = this.service.fifo(key());
		try (LockHandle write = fifo.mode(LockMode.WRITE).acquire()) {
			assertThatExceptionOfType(SelfDeadlockException.class)
				.isThrownBy(() -> fifo.mode(LockMode.READ).acquire(Duration.ofSeconds(30)));
		}
		Lock mutex = this.service.lock(key());
		try (LockHandle held = mutex.acquire()) {
			assertThatExceptionOfType(SelfDeadlockException.class).isThrownBy(mutex::acquire).withMessageContaining("RLock");
			assertThatExceptionOfType(LockTimeoutException.class).isThrownBy(() -> mutex.acquire(Duration.ofMillis(50)));
			assertThat(mutex.tryAcquire()).isEmpty();
		}
	}

	@Test
	void aWriteInsideAReadOfAnotherThreadStillWaitsItsTurn() throws Exception {
		ReadWriteLock rw = this.service.readWriteLock(key());
		LockHandle read = rw.read().acquire();
		Future<Boolean> writer = this.threads.submit(() -> {
			try (LockHandle write = rw.write().acquire(Duration.ofSeconds(10))) {
				return write.isHeld();
			}
		});
		awaitQueued(rw.key(), 1);
		read.release();
		assertThat(result(writer)).isTrue();
	}

	@Test
	void aNestedReadPassesAWriterQueuedBehindTheOuterRead() throws Exception {
		ReadWriteLock rw = this.service.readWriteLock(key());
		try (LockHandle outer = rw.read().acquire()) {
			Future<?> writer = this.threads.run(() -> rw.write().acquire(Duration.ofSeconds(20)).release());
			awaitQueued(rw.key(), 1);
			try (LockHandle inner = rw.read().acquire(Duration.ofSeconds(2))) {
				assertThat(inner.isHeld()).isTrue();
			}
			catch (LockTimeoutException ex) {
				// A strictly FIFO backend (disk) cannot let the nested read pass; it must not hang.
				assertThat(ex.key()).isEqualTo(rw.key());
			}
			outer.release();
			result(writer);
		}
	}

	@Test
	void twoAsynchronousRequestsFromOneThreadAreTwoRequests() throws Exception {
		RLock rlock = this.service.rlock(key());
		LockHandle first = rlock.acquireAsync().get(10, TimeUnit.SECONDS);
		CompletableFuture<LockHandle> second = rlock.acquireAsync();
		Thread.sleep(100);
		assertThat(second).isNotDone();
		assertThat(rlock.holdCount()).isZero();
		assertThat(first.token()).isPositive();
		first.release();
		LockHandle next = second.get(10, TimeUnit.SECONDS);
		assertThat(next.token()).isGreaterThan(first.token());
		next.release();
		assertThat(rlock.isLocked()).isFalse();
	}

	@Test
	void reentryAcrossThreadsIsExplicit() throws Exception {
		RLock rlock = this.service.rlock(key());
		LockHandle outer = rlock.acquireAsync().get(10, TimeUnit.SECONDS);
		CountDownLatch entered = new CountDownLatch(1);
		Future<Long> task = this.threads.submit(() -> {
			try (LockHandle inner = this.service.rlock(rlock.key()).reenter(outer)) {
				entered.countDown();
				return inner.token();
			}
		});
		assertThat(result(task)).isEqualTo(outer.token());
		assertThat(entered.getCount()).isZero();
		assertThat(rlock.isLocked()).isTrue();
		outer.release();
		await().atMost(Duration.ofSeconds(10)).until(() -> !rlock.isLocked());
		assertThatExceptionOfType(LeaseLostException.class).isThrownBy(() -> rlock.reenter(outer));
		LockHandle mutexHandle = this.service.lock(key()).acquire();
		assertThatExceptionOfType(NotOwnerException.class).isThrownBy(() -> rlock.reenter(mutexHandle));
		mutexHandle.release();
	}

}
