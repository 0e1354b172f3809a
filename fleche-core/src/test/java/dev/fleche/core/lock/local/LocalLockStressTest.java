package dev.fleche.core.lock.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.fleche.core.lock.FifoLock;
import dev.fleche.core.lock.HeldModes;
import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.LockTestThreads;
import dev.fleche.core.lock.support.LockServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Threads take one key in random modes through every acquire form, with timeouts and
 * cancellations, and check inside the critical section that what runs together is allowed to.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LocalLockStressTest {

	private static final LockMode SEMAPHORE = LockMode.semaphore(2);

	private final AtomicInteger readers = new AtomicInteger();

	private final AtomicInteger writers = new AtomicInteger();

	private final AtomicInteger permits = new AtomicInteger();

	private final AtomicInteger violations = new AtomicInteger();

	private final AtomicInteger entries = new AtomicInteger();

	@Test
	void concurrentRequestsInMixedModesNeverOverlapWrongly() throws Exception {
		try (LockService service = LockServices.local(); LockTestThreads threads = new LockTestThreads()) {
			FifoLock fifo = service.fifo("stress");
			CountDownLatch gate = new CountDownLatch(1);
			List<Future<?>> workers = new ArrayList<>();
			for (int t = 0; t < 6; t++) {
				workers.add(threads.run(() -> {
					gate.await();
					for (int i = 0; i < 400; i++) {
						step(fifo);
					}
				}));
			}
			gate.countDown();
			for (Future<?> worker : workers) {
				LockTestThreads.result(worker);
			}
			assertThat(this.violations).hasValue(0);
			assertThat(this.entries.get()).isPositive();
			assertThat(fifo.held()).isEqualTo(HeldModes.none());
			assertThat(fifo.queueLength()).isZero();
		}
	}

	private void step(FifoLock fifo) throws Exception {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		LockMode mode = List.of(LockMode.READ, LockMode.WRITE, SEMAPHORE).get(random.nextInt(3));
		Optional<LockHandle> handle;
		switch (random.nextInt(4)) {
			case 0 -> handle = Optional.of(fifo.mode(mode).acquire());
			case 1 -> handle = fifo.mode(mode).tryAcquire(Duration.ofMillis(random.nextInt(3)));
			case 2 -> {
				CompletableFuture<LockHandle> future = fifo.mode(mode).acquireAsync();
				if (random.nextBoolean() && future.cancel(false)) {
					return;
				}
				handle = Optional.of(future.get(20, TimeUnit.SECONDS));
			}
			default -> handle = fifo.mode(mode).tryAcquire();
		}
		if (handle.isPresent()) {
			try (LockHandle held = handle.get()) {
				critical(mode);
			}
		}
	}

	private void critical(LockMode mode) {
		this.entries.incrementAndGet();
		AtomicInteger mine = (mode == LockMode.READ) ? this.readers : (mode == LockMode.WRITE) ? this.writers : this.permits;
		int inside = mine.incrementAndGet();
		boolean ok = switch (mode.name()) {
			case "read" -> this.writers.get() == 0 && this.permits.get() == 0;
			case "write" -> inside == 1 && this.readers.get() == 0 && this.permits.get() == 0;
			default -> inside <= 2 && this.readers.get() == 0 && this.writers.get() == 0;
		};
		if (!ok) {
			this.violations.incrementAndGet();
		}
		Thread.onSpinWait();
		mine.decrementAndGet();
	}

}
