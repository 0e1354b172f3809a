package dev.fleche.core.lock.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.spi.Grant;
import dev.fleche.core.lock.spi.Owner;
import dev.fleche.core.lock.support.LockServices;
import dev.fleche.core.testsupport.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The Redis backend beyond the shared contract: several backend instances act as separate
 * processes on one server.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisLockBackendTest {

	private final String prefix = "backend-" + UUID.randomUUID().toString().substring(0, 8) + ":";

	private final List<RedisLockBackend> backends = new ArrayList<>();

	private final ExecutorService threads = Executors.newCachedThreadPool();

	@AfterEach
	void close() {
		this.threads.shutdownNow();
		this.backends.forEach(RedisLockBackend::close);
	}

	private RedisLockBackend backend(Duration watchdog) {
		RedisLockBackend backend = RedisLockBackend.connect(TestRedis.shared().uri(),
				RedisLockSettings.defaults().withPrefix(this.prefix).withWatchdogTimeout(watchdog));
		this.backends.add(backend);
		return backend;
	}

	@Test
	void prefixAndWatchdogTimeoutAreValidatedByName() {
		assertThatIllegalArgumentException().isThrownBy(() -> RedisLockSettings.defaults().withPrefix(""))
			.withMessageContaining("1 to 64");
		assertThatIllegalArgumentException().isThrownBy(() -> RedisLockSettings.defaults().withPrefix("a{b}"))
			.withMessageContaining("hash tags");
		assertThatIllegalArgumentException().isThrownBy(() -> RedisLockSettings.defaults().withPrefix("a b"))
			.withMessageContaining("without spaces");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RedisLockSettings.defaults().withWatchdogTimeout(Duration.ofMillis(10)))
			.withMessageContaining("watchdog timeout");
	}

	@Test
	void keysOfOneLockShareOneHashTagWhateverTheKey() {
		for (String key : List.of("plain", "a}b", "{x}", "100%", "}")) {
			LockKeys keys = LockKeys.of("p:", key);
			String tag = null;
			for (String name : keys.keys) {
				int open = name.indexOf('{');
				String own = name.substring(open + 1, name.indexOf('}', open + 1));
				assertThat(own).isNotEmpty();
				if (tag == null) {
					tag = own;
				}
				assertThat(own).isEqualTo(tag);
			}
		}
		assertThat(LockKeys.escape("a}b")).isNotEqualTo(LockKeys.escape("a%7Db"));
	}

	@Test
	void mutexCounterIsExactAcrossInstances() throws Exception {
		List<LockService> services = List.of(LockServices.create(backend(Duration.ofSeconds(10))),
				LockServices.create(backend(Duration.ofSeconds(10))), LockServices.create(backend(Duration.ofSeconds(10))));
		String key = "counter";
		int[] counter = { 0 };
		AtomicInteger inside = new AtomicInteger();
		List<Future<?>> workers = new ArrayList<>();
		for (int t = 0; t < 6; t++) {
			LockService service = services.get(t % services.size());
			workers.add(this.threads.submit(() -> {
				for (int i = 0; i < 50; i++) {
					try (LockHandle handle = service.lock(key).acquire()) {
						assertThat(inside.incrementAndGet()).isEqualTo(1);
						counter[0]++;
						inside.decrementAndGet();
					}
				}
				return null;
			}));
		}
		for (Future<?> worker : workers) {
			worker.get(50, TimeUnit.SECONDS);
		}
		assertThat(counter[0]).isEqualTo(300);
	}

	@Test
	void userModeIsDecidedByTheWaitingInstance() throws Exception {
		LockMode audit = LockMode.of("audit", (held) -> held.count(LockMode.WRITE) == 0);
		LockService first = LockServices.create(backend(Duration.ofSeconds(10)));
		LockService second = LockServices.create(backend(Duration.ofSeconds(10)));
		LockHandle writer = first.fifo("modes").mode(LockMode.WRITE).acquire();
		CompletableFuture<LockHandle> auditor = second.fifo("modes").mode(audit).acquireAsync();
		CompletableFuture<LockHandle> secondAuditor = first.fifo("modes").mode(audit).acquireAsync();
		CompletableFuture<LockHandle> reader = second.fifo("modes").mode(LockMode.READ).acquireAsync();
		Thread.sleep(100);
		assertThat(auditor).isNotDone();
		assertThat(secondAuditor).isNotDone();
		writer.release();
		LockHandle audited = auditor.get(10, TimeUnit.SECONDS);
		LockHandle audited2 = secondAuditor.get(10, TimeUnit.SECONDS);
		assertThat(first.fifo("modes").held().asMap()).containsEntry("audit", 2);
		assertThat(reader).isNotDone();
		audited.release();
		audited2.release();
		reader.get(10, TimeUnit.SECONDS).release();
		assertThat(first.fifo("modes").held().total()).isZero();
	}

	@Test
	void releaseByTagReachesAGrantOfAnotherInstance() throws Exception {
		RedisLockBackend holder = backend(Duration.ofSeconds(10));
		RedisLockBackend other = backend(Duration.ofSeconds(10));
		Grant grant = holder.queue("tagged").tryAcquire(LockMode.MUTEX, Owner.current(),
				LockOptions.defaults().withTags("nightly"));
		assertThat(grant).isNotNull();
		assertThat(other.releaseTagged("nightly")).isEqualTo(1);
		assertThat(grant.lost()).succeedsWithin(Duration.ofSeconds(10));
		assertThat(grant.isHeld()).isFalse();
		assertThat(grant.release()).isFalse();
	}

	@Test
	void extendMovesTheLeaseAndFailsOnceLost() throws Exception {
		RedisLockBackend backend = backend(Duration.ofSeconds(10));
		RedisGrant grant = (RedisGrant) backend.queue("extend").tryAcquire(LockMode.MUTEX, Owner.current(),
				LockOptions.defaults().withLease(Duration.ofMillis(300)));
		assertThat(grant).isNotNull();
		Instant first = grant.leaseExpiresAt().orElseThrow();
		assertThat(grant.extend(Duration.ofSeconds(5))).isTrue();
		assertThat(grant.leaseExpiresAt().orElseThrow()).isAfter(first.plusSeconds(3));
		Thread.sleep(500);
		assertThat(grant.isHeld()).isTrue();
		assertThat(backend.queue("extend").tryAcquire(LockMode.MUTEX, Owner.current(), LockOptions.defaults())).isNull();
		assertThat(grant.extend(Duration.ofMillis(100))).isTrue();
		assertThat(grant.lost()).succeedsWithin(Duration.ofSeconds(10));
		assertThat(grant.extend(Duration.ofSeconds(5))).isFalse();
		RedisGrant watched = (RedisGrant) backend.queue("extend").tryAcquire(LockMode.MUTEX, Owner.current(),
				LockOptions.defaults());
		assertThat(watched.leaseExpiresAt()).isEmpty();
		assertThat(watched.extend(Duration.ofSeconds(5))).isTrue();
		assertThat(watched.leaseExpiresAt()).isPresent();
		assertThat(watched.release()).isTrue();
	}

	@Test
	void watchdogKeepsAGrantAliveAndADeadInstancesGrantFreesWithinItsTimeout() throws Exception {
		Duration timeout = Duration.ofMillis(900);
		RedisLockBackend alive = backend(timeout);
		RedisLockBackend dying = backend(timeout);
		Grant kept = alive.queue("kept").tryAcquire(LockMode.MUTEX, Owner.current(), LockOptions.defaults());
		Grant abandoned = dying.queue("abandoned").tryAcquire(LockMode.MUTEX, Owner.current(), LockOptions.defaults());
		dying.watchdog().stop();
		long start = System.nanoTime();
		LockService waiterService = LockServices.create(alive);
		try (LockHandle next = waiterService.lock("abandoned").acquire(Duration.ofSeconds(10))) {
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(timeout.plusSeconds(2));
			assertThat(next.token()).isGreaterThan(abandoned.token());
		}
		assertThat(abandoned.lost()).succeedsWithin(Duration.ofSeconds(10));
		Thread.sleep(timeout.toMillis() * 2);
		assertThat(kept.isHeld()).isTrue();
		assertThat(alive.queue("kept").tryAcquire(LockMode.MUTEX, Owner.current(), LockOptions.defaults())).isNull();
		assertThat(kept.release()).isTrue();
	}

	@Test
	void aDeadInstancesQueuedRequestDoesNotStallTheQueue() throws Exception {
		Duration timeout = Duration.ofMillis(900);
		RedisLockBackend alive = backend(timeout);
		RedisLockBackend dying = backend(timeout);
		Grant held = alive.queue("stall").tryAcquire(LockMode.MUTEX, Owner.current(), LockOptions.defaults());
		CompletableFuture<Grant> dead = dying.queue("stall").enqueue(LockMode.MUTEX, Owner.current(),
				LockOptions.defaults());
		dying.watchdog().stop();
		CompletableFuture<Grant> behind = alive.queue("stall").enqueue(LockMode.MUTEX, Owner.current(),
				LockOptions.defaults());
		Thread.sleep(timeout.toMillis() + 300);
		held.release();
		assertThat(behind).succeedsWithin(Duration.ofSeconds(10));
		assertThat(!dead.isDone() || dead.isCompletedExceptionally()).as("the dead request got no grant").isTrue();
		behind.join().release();
	}

}
