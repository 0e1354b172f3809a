package dev.fleche.core.lock.stats;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LockStatisticsTest {

	private final FakeLockService fake = new FakeLockService();

	private final AtomicLong clock = new AtomicLong();

	private LockStatistics statistics(int maxKeys) {
		LockStatistics statistics = new LockStatistics(this.fake.service, maxKeys, this.clock::incrementAndGet);
		this.fake.service.addListener(statistics);
		return statistics;
	}

	@Test
	void attachToRegistersAsListenerWithTheDefaultBound() {
		LockStatistics statistics = LockStatistics.attachTo(this.fake.service);
		assertThat(this.fake.listeners).containsExactly(statistics);
		assertThat(statistics.maxKeys()).isEqualTo(LockStatistics.DEFAULT_MAX_KEYS);
		assertThat(statistics.backendName()).isEqualTo("fake");
	}

	@Test
	void countsAcquisitionsContentionTimeoutsHoldAndToken() {
		LockStatistics statistics = statistics(10);
		statistics.waiting("stock:apple", LockMode.MUTEX);
		statistics.acquired("stock:apple", LockMode.MUTEX, 1, 0, false);
		statistics.released("stock:apple", LockMode.MUTEX, 3_000_000);
		statistics.acquired("stock:apple", LockMode.MUTEX, 2, 8_000_000, true);
		statistics.released("stock:apple", LockMode.MUTEX, 1_000_000);
		statistics.timedOut("stock:apple", LockMode.MUTEX, 50_000_000);

		LockStatisticsSnapshot snapshot = statistics.snapshot("stock:apple").orElseThrow();
		assertThat(snapshot.key()).isEqualTo("stock:apple");
		assertThat(snapshot.backend()).isEqualTo("fake");
		assertThat(snapshot.modes()).containsExactly("mutex");
		assertThat(snapshot.acquisitions()).isEqualTo(2);
		assertThat(snapshot.contendedAcquisitions()).isEqualTo(1);
		assertThat(snapshot.timeouts()).isEqualTo(1);
		assertThat(snapshot.longestHold()).isEqualTo(Duration.ofMillis(3));
		assertThat(snapshot.lastToken()).isEqualTo(2);
		assertThat(snapshot.waitTimes().count()).isEqualTo(2);
		assertThat(snapshot.waitTimes().max()).isEqualTo(Duration.ofMillis(8));
		assertThat(snapshot.waitTimes().p50()).isEqualTo(Duration.ZERO);
		assertThat(snapshot.holders()).isEmpty();
		assertThat(snapshot.queueLength()).isZero();
	}

	@Test
	void joinsCurrentHoldersQueueAndTokenFromTheService() {
		LockStatistics statistics = statistics(10);
		statistics.acquired("report", LockMode.READ, 4, 0, false);
		statistics.acquired("report", LockMode.WRITE, 5, 10, true);
		LockState.Holder holder = new LockState.Holder("42/7", "write", 9, 1000, 0);
		this.fake.states.put("report", new LockState("report", "fake", List.of(holder), 3, 9, Set.of("t")));

		LockStatisticsSnapshot snapshot = statistics.snapshot("report").orElseThrow();
		assertThat(snapshot.holders()).containsExactly(holder);
		assertThat(snapshot.queueLength()).isEqualTo(3);
		assertThat(snapshot.lastToken()).isEqualTo(9);
		assertThat(snapshot.modes()).containsExactly("read", "write");
	}

	@Test
	void unknownKeyHasNoSnapshotAndKeysOnlyTheServiceKnowsAreListed() {
		LockStatistics statistics = statistics(10);
		assertThat(statistics.snapshot("nope")).isEmpty();
		LockState.Holder holder = new LockState.Holder("42/7", "semaphore:2", 3, 1000, 0);
		this.fake.states.put("quotes", new LockState("quotes", "fake", List.of(holder), 1, 3, Set.of()));
		statistics.acquired("b", LockMode.MUTEX, 1, 0, false);

		assertThat(statistics.snapshots()).extracting(LockStatisticsSnapshot::key).containsExactly("b", "quotes");
		LockStatisticsSnapshot quotes = statistics.snapshot("quotes").orElseThrow();
		assertThat(quotes.acquisitions()).isZero();
		assertThat(quotes.modes()).containsExactly("semaphore:2");
		assertThat(quotes.queueLength()).isEqualTo(1);
		assertThat(quotes.lastToken()).isEqualTo(3);
	}

	@Test
	void keysAreBoundedDroppingTheLeastRecentlyUsed() {
		LockStatistics statistics = statistics(20);
		for (int i = 0; i < 20; i++) {
			statistics.acquired("item:" + i, LockMode.MUTEX, 1, 0, false);
		}
		statistics.acquired("item:0", LockMode.MUTEX, 2, 0, false);
		statistics.acquired("item:new", LockMode.MUTEX, 1, 0, false);

		assertThat(statistics.trackedKeys()).isLessThanOrEqualTo(20);
		assertThat(statistics.snapshot("item:new")).isPresent();
		assertThat(statistics.snapshot("item:0")).isPresent();
		assertThat(statistics.snapshot("item:1")).isEmpty();
		assertThat(statistics.snapshot("item:0").orElseThrow().acquisitions()).isEqualTo(2);
	}

	@Test
	void aFloodOfKeysNeverExceedsTheBound() {
		LockStatistics statistics = statistics(100);
		for (int i = 0; i < 10_000; i++) {
			statistics.acquired("item:" + i, LockMode.MUTEX, 1, 0, false);
			assertThat(statistics.trackedKeys()).isLessThanOrEqualTo(101);
		}
		assertThat(statistics.snapshot("item:9999")).isPresent();
	}

	@Test
	void rejectsAnEmptyBound() {
		assertThatIllegalArgumentException().isThrownBy(() -> LockStatistics.attachTo(this.fake.service, 0))
			.withMessageContaining("0");
	}

	@Test
	void concurrentRecordingLosesNothing() throws Exception {
		LockStatistics statistics = statistics(10);
		int threads = 8;
		int perThread = 2_000;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> futures = new java.util.ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				futures.add(pool.submit(() -> {
					start.await();
					for (int i = 0; i < perThread; i++) {
						statistics.acquired("shared", LockMode.MUTEX, (long) thread * perThread + i, i, i % 2 == 0);
						statistics.released("shared", LockMode.MUTEX, i);
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		LockStatisticsSnapshot snapshot = statistics.snapshot("shared").orElseThrow();
		assertThat(snapshot.acquisitions()).isEqualTo(threads * perThread);
		assertThat(snapshot.contendedAcquisitions()).isEqualTo(threads * perThread / 2);
		assertThat(snapshot.waitTimes().count()).isEqualTo(threads * perThread);
		assertThat(snapshot.lastToken()).isEqualTo((long) threads * perThread - 1);
		assertThat(snapshot.longestHold()).isEqualTo(Duration.ofNanos(perThread - 1));
	}

	@Test
	void snapshotsAreImmutableAndCheckTheirInvariants() {
		LockStatistics statistics = statistics(10);
		statistics.acquired("k", LockMode.MUTEX, 1, 0, false);
		LockStatisticsSnapshot snapshot = statistics.snapshot("k").orElseThrow();
		assertThat(snapshot.modes()).isUnmodifiable();
		assertThat(snapshot.holders()).isUnmodifiable();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LockStatisticsSnapshot("k", "fake", new java.util.TreeSet<>(), List.of(), 0, 1, 2, 0,
					WaitTimes.none(), Duration.ZERO, 0))
			.withMessageContaining("'k'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WaitTimes(1, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(3)));
	}

	@Test
	void aRecordingFailureNeverReachesTheCaller() {
		LockStatistics statistics = statistics(10);
		LockMode broken = new LockMode() {
			@Override
			public String name() {
				throw new IllegalStateException("broken mode");
			}

			@Override
			public boolean isCompatible(dev.fleche.core.lock.HeldModes held) {
				return true;
			}
		};
		statistics.acquired("k", broken, 1, 0, false);
		statistics.timedOut("k", broken, 0);
		statistics.waiting("k", broken);
		assertThat(statistics.snapshot("k")).isPresent();
	}

}
