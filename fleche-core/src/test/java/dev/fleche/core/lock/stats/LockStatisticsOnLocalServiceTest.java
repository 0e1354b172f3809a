package dev.fleche.core.lock.stats;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.fleche.core.lock.Lock;
import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.LockTimeoutException;
import dev.fleche.core.lock.support.LockServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class LockStatisticsOnLocalServiceTest {

	private final LockService service = LockServices.local();

	private final LockStatistics statistics = LockStatistics.attachTo(this.service, 100);

	@AfterEach
	void close() {
		this.service.close();
	}

	@Test
	void recordsARealContendedAcquisitionTimeoutAndHolders() throws Exception {
		Lock lock = this.service.lock("stock:apple");
		LockHandle first = lock.acquire();
		assertThat(lock.tryAcquire(Duration.ofMillis(20))).isEmpty();
		assertThatExceptionOfType(LockTimeoutException.class).isThrownBy(() -> lock.acquire(Duration.ofMillis(20)));

		LockStatisticsSnapshot held = this.statistics.snapshot("stock:apple").orElseThrow();
		assertThat(held.backend()).isEqualTo("local");
		assertThat(held.holders()).hasSize(1);
		assertThat(held.holders().get(0).token()).isEqualTo(first.token());
		assertThat(held.timeouts()).isEqualTo(2);

		CompletableFuture<LockHandle> second = lock.acquireAsync();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.statistics.snapshot("stock:apple").orElseThrow().queueLength() == 1);
		Thread.sleep(5);
		first.release();
		LockHandle handle = second.get(5, TimeUnit.SECONDS);
		handle.release();

		LockStatisticsSnapshot after = this.statistics.snapshot("stock:apple").orElseThrow();
		assertThat(after.acquisitions()).isEqualTo(2);
		assertThat(after.contendedAcquisitions()).isEqualTo(1);
		assertThat(after.waitTimes().max()).isPositive();
		assertThat(after.longestHold()).isGreaterThanOrEqualTo(Duration.ofMillis(5));
		assertThat(after.lastToken()).isEqualTo(handle.token());
		assertThat(after.holders()).isEmpty();
		assertThat(after.queueLength()).isZero();
		assertThat(after.modes()).containsExactly("mutex");
		assertThat(this.statistics.snapshots()).extracting(LockStatisticsSnapshot::key).contains("stock:apple");
	}

	@Test
	void readWriteAndSemaphoreModesAreNamed() throws Exception {
		this.service.readWriteLock("report").read().acquire().release();
		this.service.readWriteLock("report").write().acquire().release();
		this.service.semaphore("quotes", 2).acquire().release();
		assertThat(this.statistics.snapshot("report").orElseThrow().modes()).containsExactly("read", "write");
		assertThat(this.statistics.snapshot("quotes").orElseThrow().modes()).containsExactly("semaphore:2");
	}

}
