package dev.fleche.core.lock.postgres;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.fleche.core.lock.Lock;
import dev.fleche.core.lock.LockException;
import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.support.LockServices;
import dev.fleche.core.testsupport.PostgresServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults on a server of its own, between two backends standing for two processes: a lock
 * session terminated under its holder, and a server restart in the middle of contended use.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PostgresLockFaultTest {

	private static PostgresServer server;

	private static HikariDataSource poolA;

	private static HikariDataSource poolB;

	@BeforeAll
	static void startServer() {
		server = PostgresServer.start();
		poolA = server.pool(6);
		poolB = server.pool(6);
	}

	@AfterAll
	static void stopServer() {
		poolA.close();
		poolB.close();
		server.close();
	}

	private static PostgresLockBackend backend(HikariDataSource pool) {
		return PostgresLockBackend.open(pool, server.connections(),
				PostgresLockSettings.defaults().withSafetyRecheck(Duration.ofMillis(500)));
	}

	@Test
	void terminatedSessionTellsItsHolderAndTheOtherProcessAcquiresWithALargerToken() throws Exception {
		PostgresLockBackend backendA = backend(poolA);
		try (LockService a = LockServices.create(backendA); LockService b = LockServices.create(backend(poolB))) {
			LockHandle held = a.lock("terminated").acquire();
			CompletableFuture<LockHandle> next = b.lock("terminated").acquireAsync();
			Thread.sleep(200);
			assertThat(next).isNotDone();
			long start = System.nanoTime();
			assertThat(server.terminateBackend(backendA.currentSession().backendPid())).isTrue();
			LockHandle taken = next.get(10, TimeUnit.SECONDS);
			long handoverMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			assertThat(taken.token()).isGreaterThan(held.token());
			assertThat(held.leaseInDoubt()).succeedsWithin(Duration.ofSeconds(10));
			assertThat(held.leaseLost()).succeedsWithin(Duration.ofSeconds(10));
			assertThat(held.isHeld()).isFalse();
			assertThat(taken.isHeld()).isTrue();
			System.out.println("Terminated session: next holder granted after " + handoverMillis + " ms");
			taken.release();
			await(() -> backendA.currentSession() != null);
			try (LockHandle again = a.lock("terminated").acquire(Duration.ofSeconds(10))) {
				assertThat(again.token()).isGreaterThan(taken.token());
			}
		}
	}

	@Test
	void serverRestartMidRunServesTheWaitersAfterwardsAndNoTwoHoldersOverlap() throws Exception {
		int threadsPerProcess = 3;
		int iterations = 40;
		AtomicInteger inside = new AtomicInteger();
		AtomicInteger overlaps = new AtomicInteger();
		AtomicInteger completed = new AtomicInteger();
		AtomicInteger failures = new AtomicInteger();
		ExecutorService threads = Executors.newFixedThreadPool(2 * threadsPerProcess);
		try (LockService a = LockServices.create(backend(poolA)); LockService b = LockServices.create(backend(poolB))) {
			List<Future<?>> workers = new ArrayList<>();
			for (LockService service : List.of(a, b)) {
				for (int t = 0; t < threadsPerProcess; t++) {
					Lock lock = service.lock("restart");
					workers.add(threads.submit(() -> {
						int done = 0;
						while (done < iterations) {
							try (LockHandle handle = lock.acquire(Duration.ofSeconds(30))) {
								if (inside.incrementAndGet() != 1) {
									overlaps.incrementAndGet();
								}
								Thread.sleep(1);
								inside.decrementAndGet();
								done++;
								completed.incrementAndGet();
							}
							catch (LockException ex) {
								failures.incrementAndGet();
								Thread.sleep(50);
							}
						}
						return null;
					}));
				}
			}
			await(() -> completed.get() >= 30);
			server.restart();
			int atRestart = completed.get();
			for (Future<?> worker : workers) {
				worker.get(90, TimeUnit.SECONDS);
			}
			assertThat(completed.get()).isEqualTo(2 * threadsPerProcess * iterations).isGreaterThan(atRestart);
			assertThat(overlaps.get()).isZero();
			System.out.println("Restart: " + atRestart + " grants before, " + failures.get() + " failed attempts during it");
		}
		finally {
			threads.shutdownNow();
		}
	}

	private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Condition not met within 30 s");
			}
			Thread.sleep(10);
		}
	}

}
