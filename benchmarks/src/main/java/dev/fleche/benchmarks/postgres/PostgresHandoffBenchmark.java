package dev.fleche.benchmarks.postgres;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockService;

/**
 * Handoff on one PostgreSQL server between two clients standing for two processes (two lock
 * sessions for ours, two registries with their own client ids for {@code JdbcLockRegistry}): a
 * waiter blocked in {@code acquire}/{@code lock} while the holder releases. Each invocation is
 * one handoff: the holder takes the lock, the waiter thread starts waiting, 5 ms later the holder
 * stamps {@link System#nanoTime()} and releases; the figure is the time from that stamp until the
 * waiter holds the lock, printed as percentiles ({@code handoff[...]} lines) at the end of each
 * iteration. ShedLock's provider never waits (a held lock is simply not taken), so it has no handoff.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, batchSize = 20)
@Measurement(iterations = 3, batchSize = 60)
@Fork(1)
@State(Scope.Benchmark)
public class PostgresHandoffBenchmark {

	private PostgresPeers peers;

	private final ExecutorService waiter = Executors.newSingleThreadExecutor();

	private Side flecheHolder;

	private Side flecheWaiter;

	private Side registryHolder;

	private Side registryWaiter;

	private java.sql.Connection listener;

	private java.sql.Connection notifier;

	private final BlockingQueue<Long> latencies = new ArrayBlockingQueue<>(10_000);

	/** Starts the server and opens two clients of each kind. */
	@Setup(Level.Trial)
	public void setUp() throws Exception {
		this.peers = new PostgresPeers();
		this.flecheHolder = fleche(this.peers.fleche());
		this.flecheWaiter = fleche(this.peers.fleche());
		this.registryHolder = registry(this.peers.jdbcLockRegistry().obtain("handoff"));
		this.registryWaiter = registry(this.peers.jdbcLockRegistry().obtain("handoff"));
		this.listener = this.peers.pool(1).getConnection();
		try (java.sql.Statement statement = this.listener.createStatement()) {
			statement.execute("LISTEN fleche_bench");
		}
		this.notifier = this.peers.pool(1).getConnection();
	}

	/** Prints the percentiles of the iteration's handoffs. */
	@TearDown(Level.Iteration)
	public void report(org.openjdk.jmh.infra.BenchmarkParams params) {
		long[] sorted = this.latencies.stream().mapToLong(Long::longValue).sorted().toArray();
		this.latencies.clear();
		if (sorted.length > 0) {
			System.out.printf("%nhandoff[%s] n=%d p50=%.3f ms p90=%.3f ms p99=%.3f ms max=%.3f ms%n",
					params.getBenchmark().replaceAll(".*\\.", ""), sorted.length, ms(sorted, 0.50), ms(sorted, 0.90),
					ms(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
		}
	}

	/** Closes everything and stops the server. */
	@TearDown(Level.Trial)
	public void tearDown() throws Exception {
		this.waiter.shutdownNow();
		this.peers.close();
	}

	/** Ours. */
	@Benchmark
	public long fleche() throws Exception {
		return handoff(this.flecheHolder, this.flecheWaiter);
	}

	/**
	 * The floor of a server-woken handoff: from a {@code SELECT pg_notify} on one connection until
	 * a thread blocked in {@code getNotifications} on another receives it.
	 */
	@Benchmark
	public long listenNotify() throws Exception {
		Future<Long> received = this.waiter.submit(() -> {
			while (true) {
				org.postgresql.PGNotification[] notes = this.listener.unwrap(org.postgresql.PGConnection.class)
					.getNotifications(10_000);
				if (notes != null && notes.length > 0) {
					return System.nanoTime();
				}
			}
		});
		Thread.sleep(5);
		long sent = System.nanoTime();
		try (java.sql.Statement statement = this.notifier.createStatement()) {
			statement.execute("SELECT pg_notify('fleche_bench', 'x')");
		}
		long latency = received.get(10, TimeUnit.SECONDS) - sent;
		this.latencies.add(latency);
		return latency;
	}

	/** Spring Integration's JdbcLockRegistry (waits by retrying every 100 ms). */
	@Benchmark
	public long jdbcLockRegistry() throws Exception {
		return handoff(this.registryHolder, this.registryWaiter);
	}

	private long handoff(Side holder, Side waiting) throws Exception {
		holder.lock();
		Future<Long> granted = this.waiter.submit(() -> {
			waiting.lock();
			long at = System.nanoTime();
			waiting.unlock();
			return at;
		});
		Thread.sleep(5);
		long released = System.nanoTime();
		holder.unlock();
		long latency = granted.get(10, TimeUnit.SECONDS) - released;
		this.latencies.add(latency);
		return latency;
	}

	private static double ms(long[] sorted, double quantile) {
		return sorted[Math.min(sorted.length - 1, (int) Math.floor(quantile * sorted.length))] / 1e6;
	}

	/** One client's lock. */
	interface Side {

		void lock() throws Exception;

		void unlock();

	}

	private static Side fleche(LockService service) {
		dev.fleche.core.lock.Lock lock = service.lock("handoff");
		LockHandle[] held = new LockHandle[1];
		return new Side() {
			@Override
			public void lock() throws Exception {
				held[0] = lock.acquire();
			}

			@Override
			public void unlock() {
				held[0].release();
			}
		};
	}

	private static Side registry(Lock lock) {
		return new Side() {
			@Override
			public void lock() {
				lock.lock();
			}

			@Override
			public void unlock() {
				lock.unlock();
			}
		};
	}

}
