package dev.fleche.core.lock.local;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.fleche.core.lock.IllegalReleaseException;
import dev.fleche.core.lock.Lock;
import dev.fleche.core.lock.LockException;
import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.RLock;
import dev.fleche.core.lock.spi.Grant;
import dev.fleche.core.lock.spi.KeyQueue;
import dev.fleche.core.lock.spi.Owner;
import dev.fleche.core.lock.support.LockServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What only the local backend promises: leases on an injected clock, collectable idle keys,
 * tokens that survive collection, and waiters failed on close.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LocalLockBackendTest {

	private final MutableClock clock = new MutableClock();

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

	private final LocalLockBackend backend = new LocalLockBackend(this.clock, this.scheduler);

	@AfterEach
	void shutDown() {
		this.backend.close();
		this.scheduler.shutdownNow();
	}

	@Test
	void leaseEndsWhenTheInjectedClockPassesIt() throws Exception {
		LockService service = LockServices.create(this.backend);
		Lock lock = service.lock("leased", LockOptions.defaults().withLease(Duration.ofHours(1)));
		LockHandle handle = lock.acquire();
		assertThat(handle.leaseExpiresAt()).contains(this.clock.instant().plus(Duration.ofHours(1)));
		CompletableFuture<LockHandle> lost = handle.leaseLost();
		this.clock.advance(Duration.ofMinutes(59));
		assertThat(lock.isLocked()).isTrue();
		assertThat(handle.isHeld()).isTrue();
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(lock.isLocked()).isFalse();
		assertThat(lost).isCompletedWithValue(handle);
		assertThat(handle.isLeaseLost()).isTrue();
	}

	@Test
	void reentrantHoldsOfALostLeaseCannotBeReleased() throws Exception {
		LockService service = LockServices.create(this.backend);
		RLock rlock = service.rlock("reentrant", LockOptions.defaults().withLease(Duration.ofSeconds(10)));
		LockHandle outer = rlock.acquire();
		LockHandle inner = rlock.acquire();
		this.clock.advance(Duration.ofSeconds(10));
		assertThat(inner.isLeaseLost()).isTrue();
		assertThat(rlock.holdCount()).isZero();
		assertThatThrownBy(inner::release).isInstanceOf(IllegalReleaseException.class).hasMessageContaining("reentrant");
		assertThatThrownBy(outer::release).isInstanceOf(IllegalReleaseException.class);
		assertThatThrownBy(rlock::release).isInstanceOf(IllegalReleaseException.class);
		try (LockHandle next = rlock.acquire(Duration.ofSeconds(5))) {
			assertThat(next.token()).isGreaterThan(outer.token());
		}
	}

	@Test
	void expiredLeaseLetsTheNextWaiterIn() throws Exception {
		KeyQueue queue = this.backend.queue("handoff");
		Grant first = queue.tryAcquire(LockMode.MUTEX, Owner.current(), LockOptions.defaults().withLease(Duration.ofSeconds(5)));
		assertThat(first).isNotNull();
		CompletableFuture<Grant> next = queue.enqueue(LockMode.MUTEX, new Owner(1, 2), LockOptions.defaults());
		assertThat(next).isNotDone();
		this.clock.advance(Duration.ofSeconds(5));
		queue.held();
		assertThat(next).isCompleted();
		assertThat(first.lost()).isCompletedWithValue(first);
		assertThat(first.release()).isFalse();
		assertThat(next.join().token()).isGreaterThan(first.token());
	}

	@Test
	void idleKeysAreCollectedAndTokensAreNotReused() {
		long firstToken = acquireAndReleaseOnce("idle");
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			System.gc();
			return this.backend.liveKeys() == 0;
		});
		assertThat(acquireAndReleaseOnce("idle")).isGreaterThan(firstToken);
	}

	@Test
	void heldKeysStayWhileTheirGrantIsReferenced() {
		Grant grant = this.backend.queue("held").tryAcquire(LockMode.MUTEX, Owner.current(), LockOptions.defaults());
		WeakReference<KeyQueue> queue = new WeakReference<>(this.backend.queue("held"));
		System.gc();
		assertThat(queue.get()).isNotNull();
		assertThat(this.backend.queue("held").held().total()).isEqualTo(1);
		assertThat(grant.release()).isTrue();
	}

	@Test
	void closeTakesAwayGrantsAndFailsWaiters() {
		KeyQueue queue = this.backend.queue("closing");
		Grant grant = queue.tryAcquire(LockMode.MUTEX, Owner.current(), LockOptions.defaults());
		CompletableFuture<Grant> lost = grant.lost();
		CompletableFuture<Grant> waiter = queue.enqueue(LockMode.MUTEX, new Owner(1, 2), LockOptions.defaults());
		this.backend.close();
		assertThat(lost).isCompleted();
		assertThatThrownBy(waiter::join).hasCauseInstanceOf(LockException.class).hasMessageContaining("closing");
	}

	@Test
	void aModeWhoseRuleThrowsFailsOnlyItsOwnRequest() throws Exception {
		LockMode broken = LockMode.of("broken", (held) -> {
			throw new IllegalStateException("bad rule");
		});
		KeyQueue queue = this.backend.queue("rules");
		assertThatThrownBy(() -> queue.tryAcquire(broken, Owner.current(), LockOptions.defaults()))
			.isInstanceOf(LockException.class).hasMessageContaining("broken").hasMessageContaining("rules");
		Grant holder = queue.tryAcquire(LockMode.MUTEX, Owner.current(), LockOptions.defaults());
		CompletableFuture<Grant> failing = queue.enqueue(broken, new Owner(1, 2), LockOptions.defaults());
		CompletableFuture<Grant> behind = queue.enqueue(LockMode.READ, new Owner(1, 3), LockOptions.defaults());
		assertThat(holder.release()).isTrue();
		assertThatThrownBy(failing::join).hasCauseInstanceOf(LockException.class);
		assertThat(behind.join().mode()).isEqualTo(LockMode.READ);
		assertThat(queue.queueLength()).isZero();
	}

	private long acquireAndReleaseOnce(String key) {
		Grant grant = this.backend.queue(key).tryAcquire(LockMode.MUTEX, Owner.current(), LockOptions.defaults());
		assertThat(grant).isNotNull();
		assertThat(grant.release()).isTrue();
		return grant.token();
	}

}
