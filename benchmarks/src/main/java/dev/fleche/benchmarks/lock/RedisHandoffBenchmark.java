package dev.fleche.benchmarks.lock;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cross-process handoff of one Redis lock: a peer process ({@link RedisHandoffPeer}) and the
 * benchmark pass the lock back and forth, taking turns through a shared mapped board like
 * {@link HandoffBenchmark}. The one-way handoff, from the peer's release to the benchmark's grant,
 * is printed per iteration as {@code handoff[kind] p50=...}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class RedisHandoffBenchmark {

	/** The lock: ours, or a peer. */
	@Param({ "fleche", "redisson", "spring" })
	public String kind;

	private Process peer;

	private TurnBoard board;

	private PingLock lock;

	private final long[] handoffs = new long[1 << 20];

	private int count;

	/** Connects the lock and starts the peer process. */
	@Setup(Level.Trial)
	public void setUp() throws Exception {
		BenchRedis server = BenchRedis.get();
		Path directory = Files.createTempDirectory("fleche-redis-handoff-");
		this.board = new TurnBoard(directory.resolve("board"));
		this.lock = RedisPingLocks.open(this.kind, server.host(), server.port(), "handoff");
		String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
		this.peer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				RedisHandoffPeer.class.getName(), this.kind, server.host(), Integer.toString(server.port()),
				directory.toString())
			.inheritIO()
			.start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (!this.board.ready()) {
			if (System.nanoTime() > deadline || !this.peer.isAlive()) {
				throw new IllegalStateException("The handoff peer did not start");
			}
			Thread.sleep(5);
		}
	}

	/** Stops the peer and closes the lock. */
	@TearDown(Level.Trial)
	public void tearDown() throws Exception {
		this.board.stop();
		if (!this.peer.waitFor(20, TimeUnit.SECONDS)) {
			this.peer.destroyForcibly();
		}
		this.lock.close();
	}

	/** Forgets the previous iteration's handoffs. */
	@Setup(Level.Iteration)
	public void resetHandoffs() {
		this.count = 0;
	}

	/** Prints this iteration's one-way handoff percentiles. */
	@TearDown(Level.Iteration)
	public void printHandoffs() {
		long[] sorted = Arrays.copyOf(this.handoffs, this.count);
		Arrays.sort(sorted);
		if (sorted.length > 0) {
			System.out.printf("%nhandoff[%s] n=%d p50=%.1f us p90=%.1f us p99=%.1f us%n", this.kind, sorted.length,
					micros(sorted, 0.50), micros(sorted, 0.90), micros(sorted, 0.99));
		}
	}

	private static double micros(long[] sorted, double quantile) {
		return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] / 1000.0;
	}

	/** One round trip: wait for the lock to come back from the peer, then pass it on. */
	@Benchmark
	public long roundTrip() throws Exception {
		while (true) {
			this.lock.acquire();
			if (this.board.turn() == TurnBoard.BENCHMARK) {
				break;
			}
			this.lock.release();
		}
		long handoff = System.nanoTime() - this.board.releasedAt();
		if (this.count < this.handoffs.length && this.board.releasedAt() != 0) {
			this.handoffs[this.count++] = handoff;
		}
		this.board.pass(TurnBoard.PEER);
		this.lock.release();
		return handoff;
	}

}
