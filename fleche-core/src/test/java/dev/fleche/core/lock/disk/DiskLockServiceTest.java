package dev.fleche.core.lock.disk;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.fleche.core.lock.BoundedSemaphore;
import dev.fleche.core.lock.IllegalReleaseException;
import dev.fleche.core.lock.Lock;
import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.LockTimeoutException;
import dev.fleche.core.lock.RLock;
import dev.fleche.core.lock.support.LockServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The lock service's primitives on the disk backend, where they rely on it beyond the SPI
 * tests: interruption, re-entrance, bounds and leases through handles.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DiskLockServiceTest {

	@TempDir
	Path dir;

	private LockService locks;

	@BeforeEach
	void open() {
		this.locks = LockServices.create(DiskLockBackend.open(this.dir));
	}

	@AfterEach
	void close() {
		this.locks.close();
	}

	@Test
	void interruptedWaiterLeavesTheQueueAndTheFileStaysUsable() throws Exception {
		Lock lock = this.locks.lock("interrupted");
		LockHandle held = lock.acquire();
		CountDownLatch waiting = new CountDownLatch(1);
		CompletableFuture<Throwable> outcome = new CompletableFuture<>();
		Thread waiter = new Thread(() -> {
			waiting.countDown();
			try {
				lock.acquire();
				outcome.complete(null);
			}
			catch (InterruptedException ex) {
				outcome.complete(ex);
			}
		});
		waiter.start();
		waiting.await();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.locks.state("interrupted").orElseThrow().queueLength() == 1);
		waiter.interrupt();
		assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
		assertThat(this.locks.state("interrupted").orElseThrow().queueLength()).isZero();
		held.release();
		try (LockHandle again = lock.acquire(Duration.ofSeconds(5))) {
			assertThat(again.token()).isGreaterThan(held.token());
		}
	}

	@Test
	void reentrantLockNeedsAsManyReleasesWhileAnotherThreadWaits() throws Exception {
		RLock rlock = this.locks.rlock("reentrant");
		rlock.acquire();
		rlock.acquire();
		rlock.acquire();
		assertThat(rlock.holdCount()).isEqualTo(3);
		CompletableFuture<LockHandle> other = CompletableFuture.supplyAsync(() -> {
			try {
				return rlock.acquire(Duration.ofSeconds(10));
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		});
		rlock.release();
		rlock.release();
		assertThat(other).isNotDone();
		rlock.release();
		LockHandle handle = other.get(5, TimeUnit.SECONDS);
		assertThat(handle.isHeld()).isTrue();
		handle.release();
		assertThatThrownBy(rlock::release).isInstanceOf(IllegalReleaseException.class);
	}

	@Test
	void timedAcquireThrowsTheTypedTimeout() throws Exception {
		Lock lock = this.locks.lock("timed");
		try (LockHandle held = lock.acquire()) {
			assertThatThrownBy(() -> lock.acquire(Duration.ofMillis(150))).isInstanceOf(LockTimeoutException.class)
				.hasMessageContaining("timed");
			assertThat(lock.tryAcquire(Duration.ofMillis(50))).isEmpty();
			assertThat(held.isHeld()).isTrue();
		}
		assertThat(lock.isLocked()).isFalse();
	}

	@Test
	void semaphoreRejectsAReleaseAboveItsBound() throws Exception {
		BoundedSemaphore semaphore = this.locks.semaphore("bounded", 2);
		semaphore.acquire();
		semaphore.acquire();
		assertThat(semaphore.tryAcquire()).isEmpty();
		assertThat(semaphore.available()).isZero();
		semaphore.release();
		semaphore.release();
		assertThatThrownBy(semaphore::release).isInstanceOf(IllegalReleaseException.class);
	}

	@Test
	void lostLeaseIsToldToTheHandle() throws Exception {
		Lock lock = this.locks.lock("leased", LockOptions.defaults().withLease(Duration.ofMillis(100)));
		LockHandle handle = lock.acquire();
		assertThat(handle.leaseLost().get(5, TimeUnit.SECONDS)).isSameAs(handle);
		assertThat(handle.isLeaseLost()).isTrue();
		assertThat(lock.isLocked()).isFalse();
		assertThatThrownBy(handle::release).isInstanceOf(IllegalReleaseException.class);
	}

}
