package dev.fleche.core.lock.disk;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.spi.Grant;
import dev.fleche.core.lock.spi.KeyQueue;
import dev.fleche.core.lock.spi.Owner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The disk backend's SPI under threads of one JVM, started together by a gate.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DiskLockConcurrencyTest {

	private static final int THREADS = 6;

	@TempDir
	Path dir;

	private DiskLockBackend backend;

	private ExecutorService threads;

	@BeforeEach
	void open() {
		this.backend = DiskLockBackend.open(this.dir);
		this.threads = Executors.newFixedThreadPool(THREADS);
	}

	@AfterEach
	void close() throws InterruptedException {
		this.threads.shutdownNow();
		assertThat(this.threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		this.backend.close();
	}

	@Test
	void mutexKeepsANonAtomicCounterExact() throws Exception {
		KeyQueue queue = this.backend.queue("counter");
		int[] counter = new int[1];
		runTogether(() -> {
			for (int i = 0; i < 200; i++) {
				Grant grant = acquire(queue, LockMode.MUTEX);
				int read = counter[0];
				Thread.onSpinWait();
				counter[0] = read + 1;
				grant.release();
			}
		});
		assertThat(counter[0]).isEqualTo(THREADS * 200);
	}

	@Test
	void semaphoreOfThreeLetsExactlyThreeIn() throws Exception {
		KeyQueue queue = this.backend.queue("semaphore");
		LockMode three = LockMode.semaphore(3);
		AtomicInteger inside = new AtomicInteger();
		AtomicInteger peak = new AtomicInteger();
		runTogether(() -> {
			for (int i = 0; i < 40; i++) {
				Grant grant = acquire(queue, three);
				peak.accumulateAndGet(inside.incrementAndGet(), Math::max);
				TimeUnit.MICROSECONDS.sleep(500);
				inside.decrementAndGet();
				grant.release();
			}
		});
		assertThat(peak.get()).isEqualTo(3);
	}

	@Test
	void averagerOfOneToTenFromSixThreadsIsFiveAndAHalf() throws Exception {
		AtomicInteger next = new AtomicInteger(1);
		runTogether(() -> {
			int value;
			while ((value = next.getAndIncrement()) <= 10) {
				this.backend.averageAdd("average", value);
			}
		});
		assertThat(this.backend.averagePop("average")).hasValue(5.5);
		assertThat(this.backend.averageGet("average")).isEmpty();
	}

	@Test
	void timedOutWaiterLeavesTheQueue() throws Exception {
		KeyQueue queue = this.backend.queue("timed");
		Grant holder = queue.tryAcquire(LockMode.MUTEX, Owner.current(), LockOptions.defaults());
		CompletableFuture<Grant> waiter = queue.enqueue(LockMode.MUTEX, Owner.current(), LockOptions.defaults());
		assertThatThrownBy(() -> waiter.get(100, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
		waiter.cancel(false);
		assertThat(queue.queueLength()).isZero();
		CompletableFuture<Grant> next = queue.enqueue(LockMode.MUTEX, Owner.current(), LockOptions.defaults());
		holder.release();
		Grant grant = next.get(5, TimeUnit.SECONDS);
		assertThat(grant.token()).isGreaterThan(holder.token());
		grant.release();
	}

	@Test
	void writerIsNotStarvedByAStreamOfReaders() throws Exception {
		KeyQueue queue = this.backend.queue("rw");
		Grant firstReader = queue.tryAcquire(LockMode.READ, Owner.current(), LockOptions.defaults());
		CompletableFuture<Grant> writer = queue.enqueue(LockMode.WRITE, Owner.current(), LockOptions.defaults());
		List<CompletableFuture<Grant>> readers = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			readers.add(queue.enqueue(LockMode.READ, Owner.current(), LockOptions.defaults()));
		}
		firstReader.release();
		Grant write = writer.get(5, TimeUnit.SECONDS);
		assertThat(readers).noneMatch(CompletableFuture::isDone);
		write.release();
		for (CompletableFuture<Grant> reader : readers) {
			Grant read = reader.get(5, TimeUnit.SECONDS);
			assertThat(read.token()).isGreaterThan(write.token());
		}
		assertThat(queue.held().count(LockMode.READ)).isEqualTo(5);
	}

	private static Grant acquire(KeyQueue queue, LockMode mode) throws Exception {
		return queue.enqueue(mode, Owner.current(), LockOptions.defaults()).get(20, TimeUnit.SECONDS);
	}

	private void runTogether(Work work) throws Exception {
		CountDownLatch gate = new CountDownLatch(1);
		List<Future<?>> futures = new ArrayList<>();
		for (int i = 0; i < THREADS; i++) {
			futures.add(this.threads.submit(() -> {
				gate.await();
				work.run();
				return null;
			}));
		}
		gate.countDown();
		for (Future<?> future : futures) {
			future.get(30, TimeUnit.SECONDS);
		}
	}

	@FunctionalInterface
	private interface Work {

		void run() throws Exception;

	}

}
