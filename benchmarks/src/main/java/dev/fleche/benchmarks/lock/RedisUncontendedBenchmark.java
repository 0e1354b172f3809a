package dev.fleche.benchmarks.lock;

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
 * Uncontended acquire and release of one Redis lock from one thread: ours, Redisson's
 * {@code RLock} and Spring Integration's {@code RedisLockRegistry}, on one server (started by the
 * benchmark, see {@link BenchRedis}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class RedisUncontendedBenchmark {

	/** The lock: ours, or a peer. */
	@Param({ "fleche", "redisson", "spring" })
	public String kind;

	private PingLock lock;

	/** Connects the lock. */
	@Setup(Level.Trial)
	public void setUp() {
		BenchRedis server = BenchRedis.get();
		this.lock = RedisPingLocks.open(this.kind, server.host(), server.port(), "uncontended");
	}

	/** Closes the lock. */
	@TearDown(Level.Trial)
	public void tearDown() throws Exception {
		this.lock.close();
	}

	/** One acquire and one release. */
	@Benchmark
	public void acquireRelease() throws Exception {
		this.lock.acquire();
		this.lock.release();
	}

}
