package dev.fleche.core.lock.postgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import java.util.Map;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.fleche.core.cache.CallCache;
import dev.fleche.core.cache.CallSpec;
import dev.fleche.core.lock.Acquirable;
import dev.fleche.core.lock.BoundedSemaphore;
import dev.fleche.core.lock.Lock;
import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.support.LockServices;
import dev.fleche.core.postgres.ConnectionFactory;
import dev.fleche.core.storage.postgres.PostgresStore;
import dev.fleche.core.storage.postgres.PostgresStoreSettings;

/**
 * A worker JVM for the PostgreSQL multi-process tests. Arguments: a command, the JDBC URL, a work
 * directory, a key prefix, then the command's own arguments. Shared state lives in files of the
 * work directory, changed only under the lock being tested. Exits 0 when its work checked out.
 */
public final class PostgresLockWorker {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private final LockService locks;

	private final Path work;

	private final String prefix;

	private PostgresLockWorker(LockService locks, Path work, String prefix) {
		this.locks = locks;
		this.work = work;
		this.prefix = prefix;
	}

	/** Runs one worker. */
	public static void main(String[] args) throws Throwable {
		String command = args[0];
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(args[1]);
		config.setUsername("postgres");
		config.setMaximumPoolSize(4);
		try (HikariDataSource pool = new HikariDataSource(config);
				LockService locks = LockServices.create(PostgresLockBackend.open(pool,
						ConnectionFactory.of(args[1], "postgres", null), PostgresLockSettings.defaults()))) {
			PostgresLockWorker worker = new PostgresLockWorker(locks, Path.of(args[2]), args[3]);
			if (command.equals("cached")) {
				System.exit(worker.cached(pool, args[4]) ? 0 : 2);
			}
			boolean ok = switch (command) {
				case "mutex" -> worker.mutex(Integer.parseInt(args[4]), args[5]);
				case "semaphore" -> worker.semaphore(Integer.parseInt(args[4]), Integer.parseInt(args[5]), args[6]);
				case "hold" -> worker.hold();
				case "fifo" -> worker.fifo(args[4]);
				default -> throw new IllegalArgumentException("Unknown command " + command);
			};
			System.exit(ok ? 0 : 2);
		}
	}

	private boolean mutex(int iterations, String id) throws Exception {
		Lock lock = this.locks.lock(this.prefix + "counter");
		startGate(id);
		for (int i = 0; i < iterations; i++) {
			locked(lock, () -> {
				write("counter", read("counter") + 1);
				Files.writeString(this.work.resolve("sequence"), id, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
			});
		}
		return true;
	}

	private boolean semaphore(int iterations, int permits, String id) throws Exception {
		BoundedSemaphore semaphore = this.locks.semaphore(this.prefix + "semaphore", permits);
		Lock guard = this.locks.lock(this.prefix + "guard");
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

	/** One cached call on the PostgreSQL store, single-flighted by the PostgreSQL locks. */
	private boolean cached(HikariDataSource pool, String id) throws Throwable {
		PostgresStore store = PostgresStore.open(pool, PostgresStoreSettings.defaults()
			.withNames("public", "mp_" + this.prefix.replace("-", "")));
		CallCache cache = CallCache.builder(store.values(), store.calls()).lockService(this.locks).build();
		CallSpec spec = new CallSpec("test#acrossJvms", "1", Map.of("a", 42), String.class);
		startGate(id);
		Object result = cache.call(spec, () -> {
			Files.writeString(this.work.resolve("runs"), id + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
			Thread.sleep(500);
			return "computed by " + id;
		});
		Files.writeString(this.work.resolve("result-" + id), String.valueOf(result));
		return true;
	}

	private boolean hold() throws Exception {
		this.locks.lock(this.prefix + "counter").acquire(WAIT);
		Files.writeString(this.work.resolve("held"), "held");
		Thread.sleep(TimeUnit.MINUTES.toMillis(2));
		return false;
	}

	private boolean fifo(String id) throws Exception {
		try (LockHandle handle = this.locks.lock(this.prefix + "counter").acquire(WAIT)) {
			Files.writeString(this.work.resolve("order"), id + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		return true;
	}

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

	private void startGate(String id) throws Exception {
		Files.writeString(this.work.resolve("ready-" + id), id);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (!Files.exists(this.work.resolve("go"))) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("No start signal");
			}
			Thread.sleep(1);
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
