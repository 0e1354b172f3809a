package dev.fleche.core.lock.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockListener;
import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.spi.Grant;
import dev.fleche.core.lock.spi.Owner;
import dev.fleche.core.lock.support.LockServices;
import dev.fleche.core.testsupport.RedisServerProcess;
import dev.fleche.core.testsupport.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults on a server of the test's own: the server restarted empty while a lock is held, and the
 * connections of a waiting instance cut and restored.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisLockFaultTest {

	private final RedisServerProcess server = TestRedis.separate();

	private final List<RedisLockBackend> backends = new ArrayList<>();

	@AfterEach
	void close() {
		this.backends.forEach(RedisLockBackend::close);
		this.server.close();
	}

	private RedisLockBackend backend() {
		RedisLockBackend backend = RedisLockBackend.connect(this.server.uri(),
				RedisLockSettings.defaults().withWatchdogTimeout(Duration.ofSeconds(3)));
		this.backends.add(backend);
		return backend;
	}

	@Test
	void holderIsToldWhenTheServerRestartsEmptyAndTheNextTokenIsLarger() throws Exception {
		RedisLockBackend holder = backend();
		RedisGrant grant = (RedisGrant) holder.queue("restart").tryAcquire(LockMode.MUTEX, Owner.current(),
				LockOptions.defaults());
		long before = grant.token();
		RedisGrant leased = (RedisGrant) holder.queue("restart-leased").tryAcquire(LockMode.MUTEX, Owner.current(),
				LockOptions.defaults().withLease(Duration.ofMinutes(5)));
		CompletableFuture<Grant> waiter = backend().queue("restart").enqueue(LockMode.MUTEX, Owner.current(),
				LockOptions.defaults());
		this.server.restart();
		assertThat(grant.inDoubt()).succeedsWithin(Duration.ofSeconds(20));
		assertThat(grant.lost()).succeedsWithin(Duration.ofSeconds(20));
		assertThat(leased.lost()).succeedsWithin(Duration.ofSeconds(20));
		assertThat(grant.isHeld()).isFalse();
		assertThat(grant.release()).isFalse();
		Grant served = waiter.get(20, TimeUnit.SECONDS);
		assertThat(served.token()).isGreaterThan(before);
		assertThat(served.release()).isTrue();
		Grant next = backend().queue("restart").tryAcquire(LockMode.MUTEX, Owner.current(), LockOptions.defaults());
		assertThat(next).isNotNull();
		assertThat(next.token()).isGreaterThan(served.token());
		assertThat(next.release()).isTrue();
	}

	@Test
	void handleAndListenerHearInDoubtThenLostWhenTheServerRestarts() throws Exception {
		LockService service = LockServices.create(backend());
		List<String> events = new CopyOnWriteArrayList<>();
		service.addListener(new LockListener() {
			@Override
			public void leaseInDoubt(String key, long token) {
				events.add("inDoubt:" + key);
			}

			@Override
			public void leaseLost(String key, long token) {
				events.add("lost:" + key);
			}
		});
		LockHandle handle = service.lock("signals").acquire();
		CompletableFuture<LockHandle> inDoubt = handle.leaseInDoubt();
		CompletableFuture<LockHandle> lost = handle.leaseLost();
		this.server.restart();
		assertThat(inDoubt).succeedsWithin(Duration.ofSeconds(20));
		assertThat(lost).succeedsWithin(Duration.ofSeconds(20));
		assertThat(handle.isLeaseInDoubt()).isTrue();
		assertThat(handle.isLeaseLost()).isTrue();
		assertThat(events).containsExactly("inDoubt:signals", "lost:signals");
		try (LockHandle next = service.lock("signals").acquire(Duration.ofSeconds(10))) {
			assertThat(next.token()).isGreaterThan(handle.token());
		}
	}

	@Test
	void waitingInstanceWhoseConnectionsAreCutIsStillServedInOrder() throws Exception {
		RedisLockBackend holder = backend();
		RedisLockBackend cut = backend();
		RedisLockBackend later = backend();
		List<String> order = new CopyOnWriteArrayList<>();
		Grant held = holder.queue("cut").tryAcquire(LockMode.MUTEX, Owner.current(), LockOptions.defaults());
		CompletableFuture<Grant> first = cut.queue("cut").enqueue(LockMode.MUTEX, Owner.current(), LockOptions.defaults());
		CompletableFuture<Grant> second = later.queue("cut").enqueue(LockMode.MUTEX, Owner.current(),
				LockOptions.defaults());
		first.thenAccept((grant) -> order.add("first"));
		second.thenAccept((grant) -> order.add("second"));
		killConnectionsOf(cut);
		held.release();
		Grant firstGrant = first.get(20, TimeUnit.SECONDS);
		assertThat(second).isNotDone();
		assertThat(firstGrant.token()).isGreaterThan(held.token());
		assertThat(firstGrant.release()).isTrue();
		Grant secondGrant = second.get(20, TimeUnit.SECONDS);
		assertThat(secondGrant.token()).isGreaterThan(firstGrant.token());
		assertThat(order).containsExactly("first", "second");
		secondGrant.release();
	}

	private void killConnectionsOf(RedisLockBackend backend) {
		assertThat(this.server.killClientsNamed(backend.clientName())).as(this.server.bulk("CLIENT", "LIST")).isEqualTo(2);
	}

}
