package dev.fleche.benchmarks.lock;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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

import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.disk.DiskLockBackend;
import dev.fleche.core.lock.spi.Grant;
import dev.fleche.core.lock.spi.KeyQueue;
import dev.fleche.core.lock.spi.Owner;

/**
 * Uncontended acquire and release of the disk lock backend, next to a raw
 * {@link FileChannel#lock(long, long, boolean)} on one file.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class UncontendedLockBenchmark {

	private Path directory;

	private DiskLockBackend backend;

	private KeyQueue queue;

	private FileChannel channel;

	private final Owner owner = Owner.current();

	/** Opens the backend and the raw file in a fresh directory. */
	@Setup(Level.Trial)
	public void setUp() throws IOException {
		this.directory = Files.createTempDirectory("fleche-bench-");
		this.backend = DiskLockBackend.open(this.directory.resolve("locks"));
		this.queue = this.backend.queue("uncontended");
		this.channel = FileChannel.open(this.directory.resolve("raw.lock"), StandardOpenOption.CREATE,
				StandardOpenOption.READ, StandardOpenOption.WRITE);
	}

	/** Closes the backend and the raw file. */
	@TearDown(Level.Trial)
	public void tearDown() throws IOException {
		this.backend.close();
		this.channel.close();
	}

	/** Ours: a non-waiting acquire, then release. */
	@Benchmark
	public long diskTryAcquireRelease() {
		Grant grant = this.queue.tryAcquire(LockMode.MUTEX, this.owner, LockOptions.defaults());
		long token = grant.token();
		grant.release();
		return token;
	}

	/** Ours: a queued acquire (granted at once when free), then release. */
	@Benchmark
	public long diskEnqueueRelease() {
		CompletableFuture<Grant> future = this.queue.enqueue(LockMode.MUTEX, this.owner, LockOptions.defaults());
		Grant grant = future.join();
		long token = grant.token();
		grant.release();
		return token;
	}

	/** Peer: the JDK's blocking file lock and release on one file. */
	@Benchmark
	public boolean fileChannelLockRelease() throws IOException {
		FileLock lock = this.channel.lock(0, 1, false);
		boolean valid = lock.isValid();
		lock.release();
		return valid;
	}

}
