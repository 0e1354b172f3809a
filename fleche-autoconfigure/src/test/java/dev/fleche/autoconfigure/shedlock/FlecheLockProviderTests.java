package dev.fleche.autoconfigure.shedlock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.local.LocalLockBackend;
import dev.fleche.core.lock.support.LockServices;

class FlecheLockProviderTests {

	private final LockService locks = LockServices.create(new LocalLockBackend());

	private final FlecheLockProvider provider = new FlecheLockProvider(this.locks, "shedlock");

	@AfterEach
	void close() {
		this.locks.close();
	}

	private static LockConfiguration config(String name, Duration atMost, Duration atLeast) {
		return new LockConfiguration(ClockProvider.now(), name, atMost, atLeast);
	}

	@Test
	void oneHolderAtATime() {
		Optional<SimpleLock> first = this.provider.lock(config("job", Duration.ofSeconds(10), Duration.ZERO));
		assertThat(first).isPresent();
		assertThat(this.provider.lock(config("job", Duration.ofSeconds(10), Duration.ZERO))).isEmpty();
		assertThat(this.provider.lock(config("other", Duration.ofSeconds(10), Duration.ZERO))).isPresent();
		first.get().unlock();
		assertThat(this.provider.lock(config("job", Duration.ofSeconds(10), Duration.ZERO))).isPresent();
	}

	@Test
	void lockAtMostForIsTheLease() {
		assertThat(this.provider.lock(config("job", Duration.ofMillis(150), Duration.ZERO))).isPresent();
		assertThat(this.provider.lock(config("job", Duration.ofSeconds(10), Duration.ZERO))).isEmpty();
		Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.until(() -> this.provider.lock(config("job", Duration.ofSeconds(10), Duration.ZERO)).isPresent());
	}

	@Test
	void lockAtLeastForIsHonouredAfterUnlock() {
		long start = System.nanoTime();
		SimpleLock lock = this.provider.lock(config("job", Duration.ofSeconds(10), Duration.ofMillis(400))).orElseThrow();
		lock.unlock();
		assertThat(this.provider.lock(config("job", Duration.ofSeconds(10), Duration.ZERO)))
			.as("still held until lockAtLeastFor passed")
			.isEmpty();
		Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.until(() -> this.provider.lock(config("job", Duration.ofSeconds(10), Duration.ZERO)).isPresent());
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(350));
	}

	@Test
	void extendMovesTheLease() throws Exception {
		SimpleLock lock = this.provider.lock(config("job", Duration.ofMillis(200), Duration.ZERO)).orElseThrow();
		SimpleLock extended = lock.extend(Duration.ofSeconds(10), Duration.ZERO).orElseThrow();
		Thread.sleep(400);
		assertThat(this.provider.lock(config("job", Duration.ofSeconds(10), Duration.ZERO))).isEmpty();
		extended.unlock();
		assertThat(this.provider.lock(config("job", Duration.ofSeconds(10), Duration.ZERO))).isPresent();
	}

	@Test
	void theLockingTaskExecutorRunsOnceWhileHeld() throws Throwable {
		LockingTaskExecutor executor = new DefaultLockingTaskExecutor(this.provider);
		AtomicInteger runs = new AtomicInteger();
		executor.executeWithLock((Runnable) () -> {
			runs.incrementAndGet();
			java.util.concurrent.CompletableFuture.runAsync(() -> executor.executeWithLock((Runnable) runs::incrementAndGet,
					config("job", Duration.ofSeconds(10), Duration.ZERO))).join();
		}, config("job", Duration.ofSeconds(10), Duration.ZERO));
		assertThat(runs).as("another thread's run of the held lock is skipped").hasValue(1);
		executor.executeWithLock((Runnable) runs::incrementAndGet, config("job", Duration.ofSeconds(10), Duration.ZERO));
		assertThat(runs).as("runs again once released").hasValue(2);
	}

}
