package dev.fleche.core.lock.disk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import dev.fleche.core.files.PrivateFiles;
import dev.fleche.core.lock.LockException;

/**
 * A lock directory opened in this JVM: the registry of its key files (exactly one descriptor
 * per file per JVM, shared by every backend opened on the directory), the kernel waiter threads
 * and the timer. Reference-counted: closed when the last backend on it closes.
 */
final class LockDirectory {

	private static final Map<Path, LockDirectory> OPEN = new ConcurrentHashMap<>();

	private static final int MAX_NAME_CHARS = 40;

	/** Files kept open per directory before idle ones are closed. */
	static final int MAX_OPEN_FILES = 256;

	private final Path path;

	private final Clock clock;

	private final long session = new SecureRandom().nextLong();

	private final ExecutorService waiters;

	private final ScheduledExecutorService timer;

	private final Map<String, KeyEngine> engines = new ConcurrentHashMap<>();

	/** Engines whose kernel wait got a false deadlock report, to retry on this JVM's next change. */
	private final Set<KeyEngine> deadlocked = ConcurrentHashMap.newKeySet();

	private final TicketFloor floor;

	private volatile boolean closed;

	/** Guarded by {@link #OPEN}'s compute. */
	private int references;

	private LockDirectory(Path path, Clock clock) {
		this.path = path;
		this.clock = clock;
		this.floor = new TicketFloor(path.resolve(TicketFloor.FILE_NAME));
		this.waiters = Executors.newCachedThreadPool(daemons("fleche-disk-lock-waiter-"));
		ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, daemons("fleche-disk-lock-timer-"));
		scheduler.setRemoveOnCancelPolicy(true);
		this.timer = scheduler;
	}

	/** Opens {@code directory} in this JVM, or shares it if it is open already. */
	static LockDirectory acquire(Path directory, Clock clock) {
		Path real;
		try {
			PrivateFiles.createRoot(directory);
			real = directory.toRealPath();
		}
		catch (IOException ex) {
			throw new LockException(directory.toString(), "Cannot open the lock directory " + directory, ex);
		}
		return OPEN.compute(real, (key, open) -> {
			LockDirectory directoryHandle = (open != null) ? open : new LockDirectory(real, clock);
			directoryHandle.references++;
			return directoryHandle;
		});
	}

	/** Gives up one reference; the last one closes every key file of the directory. */
	void releaseReference() {
		OPEN.computeIfPresent(this.path, (key, open) -> {
			if (--open.references > 0) {
				return open;
			}
			open.closeAll();
			return null;
		});
	}

	Path path() {
		return this.path;
	}

	Clock clock() {
		return this.clock;
	}

	long session() {
		return this.session;
	}

	ScheduledExecutorService timer() {
		return this.timer;
	}

	/** Threads for work that may wait on another process: kernel waits, deferred queueing. */
	ExecutorService background() {
		return this.waiters;
	}

	/**
	 * Runs {@code operation} on the engine of {@code key}, opening its file on first use, and
	 * again on a fresh engine if the one found was closed as idle meanwhile.
	 */
	<T> T withEngine(String key, Function<KeyEngine, T> operation) {
		while (true) {
			try {
				return operation.apply(engine(key));
			}
			catch (EvictedException ex) {
				if (this.closed) {
					throw new LockException(key, "The disk lock backend on " + this.path + " is closed");
				}
			}
		}
	}

	private KeyEngine engine(String key) {
		KeyEngine engine = this.engines.get(key);
		if (engine != null) {
			return engine;
		}
		StateCodec.checkKey(key);
		engine = this.engines.computeIfAbsent(key,
				k -> new KeyEngine(this, KeyFile.open(k, this.path.resolve(fileName(k)), this.waiters, this.floor::read)));
		if (this.engines.size() > MAX_OPEN_FILES) {
			closeIdle(engine);
		}
		return engine;
	}

	/**
	 * Closes the files of idle keys. Each is removed from the registry inside {@code compute}, so
	 * its file is closed before the key can be opened again (closing a second descriptor of a file
	 * would drop this process's locks on it).
	 */
	private void closeIdle(KeyEngine keep) {
		for (String key : new ArrayList<>(this.engines.keySet())) {
			this.engines.computeIfPresent(key, (k, engine) -> (engine != keep && engine.closeIfIdle()) ? null : engine);
		}
	}

	/**
	 * Notes that a kernel wait of {@code engine} was refused as a deadlock. The kernel detects
	 * deadlocks between whole processes, so the refusal involves a lock this process holds: the
	 * wait is retried on this JVM's next change to any key of the directory.
	 */
	void deadlocked(KeyEngine engine) {
		this.deadlocked.add(engine);
	}

	/** This JVM changed a key: retries the kernel waits refused as deadlocks. */
	void changed() {
		if (!this.deadlocked.isEmpty()) {
			for (KeyEngine engine : this.deadlocked) {
				if (this.deadlocked.remove(engine) && !this.closed) {
					this.timer.execute(engine::pump);
				}
			}
		}
	}

	/** Forgets {@code engine}, closed because its file was reclaimed; the next use opens the key again. */
	void forget(String key, KeyEngine engine) {
		this.engines.remove(key, engine);
	}

	/** Raises the directory's ticket floor to at least {@code ticket}; false if it could not. */
	boolean raiseTicketFloor(long ticket) {
		return this.floor.raise(ticket);
	}

	/** The engines of the keys opened in this JVM. */
	List<KeyEngine> engines() {
		return new ArrayList<>(this.engines.values());
	}

	/** The file name of {@code key}: a readable part and a hash that tells similar keys apart. */
	static String fileName(String key) {
		StringBuilder name = new StringBuilder(MAX_NAME_CHARS + 24);
		for (int i = 0; i < key.length() && name.length() < MAX_NAME_CHARS; i++) {
			char c = key.charAt(i);
			boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '_' || c == '.';
			name.append(safe ? c : '_');
		}
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
			name.append('-').append(HexFormat.of().formatHex(hash, 0, 8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
		return name.append(".lock").toString();
	}

	private void closeAll() {
		this.closed = true;
		for (KeyEngine engine : this.engines.values()) {
			engine.close();
		}
		this.engines.clear();
		this.timer.shutdownNow();
		this.waiters.shutdown();
	}

	private static ThreadFactory daemons(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return runnable -> {
			Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
