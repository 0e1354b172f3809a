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
 * Cross-process handoff: a peer process ({@link HandoffPeer}) and the benchmark process pass one
 * lock back and forth, ours or a raw {@code FileChannel.lock}, taking turns through a shared
 * mapped board (a holder whose turn it is not releases and retries, so a lock that lets its
 * releaser barge pays for it).
 * <p>
 * JMH samples one round trip (two handoffs plus the work around them). The one-way handoff, from
 * the peer's release to the benchmark's grant, is timed with {@link System#nanoTime()} (one
 * monotonic clock for all processes of a Linux host); its percentiles are printed at the end of
 * every iteration as {@code handoff[kind] p50=... p99=...}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class HandoffBenchmark {

	/** The lock handed over: ours ({@code disk}) or the peer ({@code filechannel}). */
	@Param({ "disk", "filechannel" })
	public String kind;

	private Path directory;

	private Process peer;

	private TurnBoard board;

	private PingLock lock;

	private long[] handoffs = new long[1 << 20];

	private int count;

	/** Opens the lock and starts the peer process. */
	@Setup(Level.Trial)
	public void setUp() throws Exception {
		this.directory = Files.createTempDirectory("fleche-handoff-");
		this.board = new TurnBoard(this.directory.resolve("board"));
		this.lock = PingLock.open(this.kind, this.directory);
		String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
		this.peer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), HandoffPeer.class.getName(),
				this.kind, this.directory.toString())
			.inheritIO()
			.start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (!this.board.ready()) {
			if (System.nanoTime() > deadline || !this.peer.isAlive()) {
				throw new IllegalStateException("The handoff peer did not start");
			}
			Thread.sleep(5);
		}
	}

	/** Stops the peer process and closes the lock. */
	@TearDown(Level.Trial)
	public void tearDown() throws Exception {
		this.board.stop();
		if (!this.peer.waitFor(10, TimeUnit.SECONDS)) {
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
			System.out.printf("%nhandoff[%s] n=%d p50=%.1f us p90=%.1f us p99=%.1f us p99.9=%.1f us%n", this.kind,
					sorted.length, micros(sorted, 0.50), micros(sorted, 0.90), micros(sorted, 0.99),
					micros(sorted, 0.999));
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
