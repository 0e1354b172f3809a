package dev.fleche.core.lock.local;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The coarse system time follows the clock while read, and stops refreshing once nobody reads it.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CoarseMillisTest {

	/** Allowed lag: one tick plus scheduling delay on a loaded machine. */
	private static final long LAG_MILLIS = 500;

	private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);

	private final CoarseMillis millis = new CoarseMillis(this.scheduler);

	@AfterEach
	void stop() {
		this.scheduler.shutdownNow();
	}

	@Test
	void followsTheSystemClockWhileRead() throws Exception {
		long first = System.currentTimeMillis();
		assertThat(this.millis.millis()).isBetween(first, System.currentTimeMillis());
		long target = first + 30;
		await().atMost(Duration.ofSeconds(10)).until(() -> this.millis.millis() >= target);
		long before = System.currentTimeMillis();
		long read = this.millis.millis();
		assertThat(read).isBetween(before - LAG_MILLIS, System.currentTimeMillis());
	}

	@Test
	void stopsTickingWhenIdleAndRestartsOnRead() {
		this.millis.millis();
		await().atMost(Duration.ofSeconds(10)).until(() -> !this.millis.ticking());
		long before = System.currentTimeMillis();
		assertThat(this.millis.millis()).isBetween(before, System.currentTimeMillis());
		long target = before + 30;
		await().atMost(Duration.ofSeconds(10)).until(() -> this.millis.millis() >= target);
	}

	@Test
	void readsTheClockItselfWhenTheSchedulerRefuses() {
		this.scheduler.shutdownNow();
		long before = System.currentTimeMillis();
		assertThat(this.millis.millis()).isBetween(before, System.currentTimeMillis());
		assertThat(this.millis.ticking()).isFalse();
	}

}
