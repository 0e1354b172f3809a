package dev.fleche.core.lock.disk;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import dev.fleche.core.lock.LockException;
import dev.fleche.core.lock.LockState;
import dev.fleche.core.lock.spi.KeyQueue;
import dev.fleche.core.lock.spi.LockBackend;

/**
 * Cross-process locks for the processes of one host that share a directory; no server.
 * <p>
 * Each key has one file in the directory ({@code <sanitized key>-<hash>.lock}). Its first bytes,
 * memory-mapped, hold the key's state: the ticket counter (so fencing tokens strictly increase
 * and are never reused, also across restarts), the FIFO queue of requests with their owners,
 * modes, leases and tags, and the averager's sum and count. Every change is made under an
 * exclusive POSIX record lock on byte 0 of the file (after an in-JVM gate, since record locks
 * belong to a whole process). Each request also locks two bytes of its own far past the data: a
 * wait region, unlocked when it is granted or withdrawn, and a hold region, unlocked when it is
 * released. A waiting process blocks in the kernel, on a dedicated daemon thread, on the wait
 * region of the request before its own, or on the hold regions of the holders in its way; the
 * unlock wakes it directly, so a handoff costs one kernel wake-up and nothing polls.
 * <p>
 * <b>Crashed holders.</b> The kernel drops the record locks of a process when it dies, also after
 * {@code kill -9}. A process blocked on a region of the dead one then acquires it, finds the
 * dead request still listed, and removes it. No lease is needed for that: the lock passes on as
 * soon as the kernel has torn the process down, measured at 5 to 15 ms from {@code kill -9} to
 * the next grant on Linux (the multi-process test holds it to 500 ms on a loaded machine). A
 * dead process's entries that are in nobody's way are removed when the key's state is read.
 * Leases free
 * the locks of holders that are alive but stuck: the holder's JVM evicts its own expired grant
 * and completes its {@code lost()}; waiting processes also evict it at its expiry.
 * <p>
 * <b>Within one JVM</b> every backend opened on the same directory shares one descriptor per
 * file (closing a second descriptor would drop the process's locks) and one queue per key.
 * {@link #releaseTagged(String)} takes away the grants made in this JVM. Interrupting a thread
 * that uses the backend never closes a file: the files are opened as asynchronous channels,
 * which interruption does not close, and the blocking waits run on the backend's own threads.
 * <p>
 * The directory must be on a local filesystem of the host: record locks over network
 * filesystems are not reliable. Idle keys' files are closed once more than
 * 256 are open; a key with a waiter or a holder in this JVM
 * stays open.
 * <p>
 * <b>Reclaim.</b> A file closed as idle (or on close) is also deleted if no process has a request
 * on it and it holds no average: under its state lock, the ticket floor of the directory is raised
 * past its tickets (so tokens keep growing when the key's file is created again), the file is
 * marked reclaimed, then unlinked. Every process checks, once it holds a file's state lock, that
 * the file is not marked and is still the one linked at its path, and opens the path again if not.
 * <p>
 * <b>Deadlines.</b> The state lock is polled, never waited for in the kernel on a caller's thread:
 * a foreign process that holds a record lock on a lock file makes a timed acquire time out, not
 * hang. Queueing and withdrawing that cannot get the state within 50 ms go on in the background.
 * Directories are created {@code 0700} and files {@code 0600}; a lock file that is a symbolic link
 * is refused ({@link dev.fleche.core.files.SymbolicLinkException}).
 */
public final class DiskLockBackend implements LockBackend {

	/** The name of this backend. */
	public static final String NAME = "disk";

	private final LockDirectory directory;

	private final AtomicBoolean closed = new AtomicBoolean();

	private DiskLockBackend(LockDirectory directory) {
		this.directory = directory;
	}

	/**
	 * Opens the backend on {@code directory}, creating it if needed, with the system clock.
	 * @throws LockException if the directory cannot be created or opened
	 */
	public static DiskLockBackend open(Path directory) {
		return open(directory, Clock.systemUTC());
	}

	/**
	 * Opens the backend on {@code directory} with {@code clock} for leases. Backends opened on
	 * one directory in one JVM share the clock of the first.
	 * @throws LockException if the directory cannot be created or opened
	 */
	public static DiskLockBackend open(Path directory, Clock clock) {
		Objects.requireNonNull(directory, "directory");
		Objects.requireNonNull(clock, "clock");
		return new DiskLockBackend(LockDirectory.acquire(directory, clock));
	}

	/** The directory the lock files are in. */
	public Path directory() {
		return this.directory.path();
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public KeyQueue queue(String key) {
		Objects.requireNonNull(key, "key");
		checkOpen();
		StateCodec.checkKey(key);
		return new DiskKeyQueue(this.directory, key);
	}

	/**
	 * Snapshots of the keys whose files are open in this JVM: those used here, less idle ones
	 * closed beyond the open-file bound. Holders and waiters of every process are included.
	 */
	@Override
	public List<LockState> states() {
		checkOpen();
		List<LockState> states = new ArrayList<>();
		for (KeyEngine engine : this.directory.engines()) {
			states.add(this.directory.withEngine(engine.key(), KeyEngine::state));
		}
		return states;
	}

	/**
	 * Takes away the grants made in this JVM whose lock carries {@code tag}; their holders'
	 * {@code lost()} complete and the next waiters, in any process, are granted.
	 */
	@Override
	public int releaseTagged(String tag) {
		checkOpen();
		int released = 0;
		for (KeyEngine engine : this.directory.engines()) {
			released += this.directory.withEngine(engine.key(), open -> open.releaseTagged(tag));
		}
		return released;
	}

	@Override
	public void averageAdd(String key, double value) {
		onEngine(key, engine -> engine.section(tx -> {
			tx.state.averageAdd(value);
			return null;
		}));
	}

	@Override
	public OptionalDouble averageGet(String key) {
		return onEngine(key, engine -> engine.section(tx -> tx.state.average()));
	}

	@Override
	public OptionalDouble averagePop(String key) {
		return onEngine(key, engine -> engine.section(tx -> tx.state.averagePop()));
	}

	/**
	 * Closes this backend; the last one open on the directory in this JVM withdraws this JVM's
	 * waiting requests, releases its grants and closes the files.
	 */
	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			this.directory.releaseReference();
		}
	}

	private <T> T onEngine(String key, Function<KeyEngine, T> operation) {
		Objects.requireNonNull(key, "key");
		checkOpen();
		return this.directory.withEngine(key, operation);
	}

	private void checkOpen() {
		if (this.closed.get()) {
			throw new LockException(this.directory.path().toString(),
					"The disk lock backend on " + this.directory.path() + " is closed");
		}
	}

	@Override
	public String toString() {
		return "DiskLockBackend[" + this.directory.path() + "]";
	}

}
