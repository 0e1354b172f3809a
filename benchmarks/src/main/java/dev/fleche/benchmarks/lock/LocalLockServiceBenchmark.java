package dev.fleche.benchmarks.lock;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

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

import dev.fleche.core.lock.Acquirable;
import dev.fleche.core.lock.Lock;
import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.RLock;
import dev.fleche.core.lock.local.LocalLockBackend;
import dev.fleche.core.lock.spi.Grant;
import dev.fleche.core.lock.spi.KeyQueue;
import dev.fleche.core.lock.spi.Owner;
import dev.fleche.core.lock.support.LockServices;

/**
 * Uncontended acquire and release on the local lock service, next to {@link ReentrantLock}
 * (target in DESIGN.md: at least 0.5x). One thread, one key.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class LocalLockServiceBenchmark {

	private final ReentrantLock reentrantLock = new ReentrantLock();

	private final Owner owner = Owner.current();

	private LocalLockBackend backend;

	private LockService service;

	private KeyQueue queue;

	private Lock lock;

	private RLock rlock;

	private Acquirable write;

	@Setup(Level.Trial)
	public void setUp() {
		this.backend = new LocalLockBackend();
		this.service = LockServices.create(this.backend);
		this.queue = this.backend.queue("queue");
		this.lock = this.service.lock("lock");
		this.rlock = this.service.rlock("rlock");
		this.write = this.service.readWriteLock("rw").write();
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.service.close();
	}

	/** The peer: a JDK re-entrant lock. */
	@Benchmark
	public void reentrantLock() {
		this.reentrantLock.lock();
		this.reentrantLock.unlock();
	}

	/** The local backend alone, under the service. */
	@Benchmark
	public long backendTryAcquireRelease() {
		Grant grant = this.queue.tryAcquire(LockMode.MUTEX, this.owner, LockOptions.defaults());
		grant.release();
		return grant.token();
	}

	/** A mode acquired through the service, handle only. */
	@Benchmark
	public long writeAcquireRelease() throws InterruptedException {
		try (LockHandle handle = this.write.acquire()) {
			return handle.token();
		}
	}

	/** A mutex, registered so the owner can release without the handle. */
	@Benchmark
	public long lockAcquireRelease() throws InterruptedException {
		try (LockHandle handle = this.lock.acquire()) {
			return handle.token();
		}
	}

	/** A re-entrant lock, one level deep. */
	@Benchmark
	public long rlockAcquireRelease() throws InterruptedException {
		try (LockHandle handle = this.rlock.acquire()) {
			return handle.token();
		}
	}

}
