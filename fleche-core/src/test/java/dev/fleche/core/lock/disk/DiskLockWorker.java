package dev.fleche.core.lock.disk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

import dev.fleche.core.lock.Acquirable;
import dev.fleche.core.lock.BoundedSemaphore;
import dev.fleche.core.lock.Lock;
import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.ReadWriteLock;
import dev.fleche.core.lock.spi.Grant;
import dev.fleche.core.lock.spi.KeyQueue;
import dev.fleche.core.lock.spi.Owner;
import dev.fleche.core.lock.support.LockServices;

/**
 * A worker process for the multi-process tests. Arguments: a command, the lock directory, a work
 * directory, then the command's own arguments. Exits 0 when its work checked out, 2 when it saw a
 * violation.
 */
public final class DiskLockWorker {

	private static final java.time.Duration WAIT = java.time.Duration.ofSeconds(30);

	private final KeyQueue counterLock;

	private final Path work;

	private final LockService locks;

	private DiskLockWorker(DiskLockBackend backend, Path work) {
		this.locks = LockServices.create(backend);
		this.work = work;
		this.counterLock = backend.queue("counter");
	}

	/** Runs one worker: a command, the lock directory, the work directory, then arguments. */
	public static void main(String[] args) throws Exception {
		String command = args[0];
		Path work = Path.of(args[2]);
		try (DiskLockBackend backend = DiskLockBackend.open(Path.of(args[1]))) {
			DiskLockWorker worker = new DiskLockWorker(backend, work);
			boolean ok = switch (command) {
				case "mutex" -> worker.mutex(Integer.parseInt(args[3]), args[4]);
				case "semaphore" -> worker.semaphore(Integer.parseInt(args[3]), Integer.parseInt(args[4]), args[5]);
				case "readwrite" -> worker.readWrite(Integer.parseInt(args[3]), args[4]);
				case "hold" -> worker.hold(Long.parseLong(args[3]));
				case "fifo" -> worker.fifo(args[3]);
				default -> throw new IllegalArgumentException("Unknown command " + command);
			};
			System.exit(ok ? 0 : 2);
		}
	}

	private boolean mutex(int iterations, String id) throws Exception {
		Lock lock = this.locks.lock("counter");
		startGate(id);
		for (int i = 0; i < iterations; i++) {
			locked(lock, () -> {
				write("counter", read("counter") + 1);
				Files.writeString(this.work.resolve("sequence"), id, StandardOpenOption.CREATE,
						StandardOpenOption.APPEND);
			});
		}
		return true;
	}

	private boolean semaphore(int iterations, int permits, String id) throws Exception {
		BoundedSemaphore semaphore = this.locks.semaphore("semaphore", permits);
		Lock guard = this.locks.lock("counter");
		startGate(id);
		for (int i = 0; i < iterations; i++) {
			locked(semaphore, () -> {
				locked(guard, () -> {
					int inside = read("inside") + 1;
					write("inside", inside);
					write("peak", Math.max(read("peak"), inside));
					write("counter", read("counter") + 1);
				});
				TimeUnit.MICROSECONDS.sleep(300);
				locked(guard, () -> write("inside", read("inside") - 1));
			});
		}
		return true;
	}

	private boolean readWrite(int iterations, String id) throws Exception {
		ReadWriteLock lock = this.locks.readWriteLock("readwrite");
		startGate(id);
		boolean[] consistent = { true };
		for (int i = 0; i < iterations; i++) {
			locked(lock.write(), () -> {
				write("a", read("a") + 1);
				Thread.onSpinWait();
				write("b", read("b") + 1);
			});
			locked(lock.read(), () -> {
				if (read("a") != read("b")) {
					System.err.println("Torn read: a=" + read("a") + " b=" + read("b"));
					consistent[0] = false;
				}
			});
		}
		return consistent[0];
	}

	/** Runs {@code body} holding {@code lock}; the release fails if the grant was lost. */
	private static void locked(Acquirable lock, Body body) throws Exception {
		LockHandle handle = lock.acquire(WAIT);
		try {
			body.run();
		}
		finally {
			handle.release();
		}
	}

	@FunctionalInterface
	private interface Body {

		void run() throws Exception;

	}

	private boolean hold(long leaseMillis) throws Exception {
		LockOptions options = (leaseMillis > 0) ? LockOptions.defaults().withLease(java.time.Duration.ofMillis(leaseMillis))
				: LockOptions.defaults();
		this.counterLock.enqueue(LockMode.MUTEX, Owner.current(), options).get(30, TimeUnit.SECONDS);
		Files.writeString(this.work.resolve("held"), "held");
		Thread.sleep(TimeUnit.MINUTES.toMillis(2));
		return false;
	}

	private boolean fifo(String id) throws Exception {
		Grant grant = acquire(this.counterLock, LockMode.MUTEX);
		Files.writeString(this.work.resolve("order"), id + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		release(grant);
		return true;
	}

	private void startGate(String id) throws InterruptedException {
		try {
			Files.writeString(this.work.resolve("ready-" + id), id);
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (!Files.exists(this.work.resolve("go"))) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("No start signal");
			}
			Thread.sleep(1);
		}
	}

	private static Grant acquire(KeyQueue queue, LockMode mode) throws Exception {
		return queue.enqueue(mode, Owner.current(), LockOptions.defaults()).get(30, TimeUnit.SECONDS);
	}

	private static void release(Grant grant) {
		if (!grant.release()) {
			throw new IllegalStateException("Lost " + grant);
		}
	}

	private int read(String name) throws Exception {
		Path file = this.work.resolve(name);
		return Files.exists(file) ? Integer.parseInt(Files.readString(file).trim()) : 0;
	}

	private void write(String name, int value) throws Exception {
		Files.writeString(this.work.resolve(name), Integer.toString(value));
	}

}
