package dev.fleche.core.lock.disk;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.CompletionHandler;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.files.PrivateFiles;

/**
 * The one open descriptor of a key's lock file in this JVM, and the byte-range locks on it.
 * <p>
 * The file is opened once, as an {@link AsynchronousFileChannel}: unlike a {@code FileChannel},
 * it is not closed when a thread using it is interrupted, and its blocking {@code lock} runs on
 * the backend's own waiter threads. The state area at the start of the file is memory-mapped
 * through a second channel that is closed right after mapping, before any lock is taken (closing
 * a descriptor drops every POSIX lock the process holds on the file).
 * <p>
 * Regions: {@code [0,1)} is the state lock; for the request with ticket {@code t}, {@code W(t)}
 * and {@code H(t)} far past the data are held by the requesting process while it waits and while
 * it holds, so the kernel frees them when that process dies.
 */
final class KeyFile {

	private static final long SIGNAL_BASE = 1L << 40;

	private static final int SPINS_BEFORE_BLOCKING = 200;

	/** The longest pause between two attempts at the state lock. */
	private static final long MAX_POLL_NANOS = 250_000;

	private final String key;

	private final Path path;

	private final AsynchronousFileChannel channel;

	private final StateCodec codec;

	private final MappedByteBuffer map;

	private boolean unmapped;

	/** The identity (device and inode) of the file opened, or {@code null} where unknown. */
	private final @Nullable Object identity;

	private KeyFile(String key, Path path, AsynchronousFileChannel channel, MappedByteBuffer map,
			LongSupplier ticketFloor) throws IOException {
		this.key = key;
		this.path = path;
		this.channel = channel;
		this.map = map;
		this.codec = new StateCodec(key, path, map, ticketFloor);
		this.identity = identity(path);
	}

	/**
	 * Opens the lock file of {@code key}; must be called once per file per JVM.
	 * @param ticketFloor the tickets a new file starts after
	 */
	static KeyFile open(String key, Path path, ExecutorService waiters, LongSupplier ticketFloor) {
		try {
			AsynchronousFileChannel channel = AsynchronousFileChannel.open(path, Set.of(StandardOpenOption.READ,
					StandardOpenOption.WRITE, StandardOpenOption.CREATE, LinkOption.NOFOLLOW_LINKS), waiters,
					PrivateFiles.fileAttributes(path));
			try {
				return new KeyFile(key, path, channel, map(path), ticketFloor);
			}
			catch (IOException | RuntimeException ex) {
				channel.close();
				throw ex;
			}
		}
		catch (IOException ex) {
			PrivateFiles.refuseLink(path, "lock file");
			throw new DiskLockException(key, path, "Cannot open the lock file", ex);
		}
	}

	/**
	 * Maps the state area through a short-lived channel, with the caller's interrupt status set
	 * aside: an interrupt would close that channel and fail the mapping.
	 */
	private static MappedByteBuffer map(Path path) throws IOException {
		boolean interrupted = Thread.interrupted();
		try {
			while (true) {
				try (FileChannel mapper = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
						LinkOption.NOFOLLOW_LINKS)) {
					return mapper.map(FileChannel.MapMode.READ_WRITE, 0, StateCodec.MAPPED_SIZE);
				}
				catch (ClosedByInterruptException ex) {
					interrupted |= Thread.interrupted();
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static @Nullable Object identity(Path path) throws IOException {
		return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
	}

	/**
	 * Whether this descriptor's file is no longer the one linked at the path: reclaimed by some
	 * process (its tombstone), or removed or replaced behind Fleche's back. Called with the state
	 * lock held, so a reclaim cannot happen meanwhile.
	 */
	boolean isStale() {
		if (this.codec.isTombstoned()) {
			return true;
		}
		if (this.identity == null) {
			return false;
		}
		try {
			return !this.identity.equals(identity(this.path));
		}
		catch (IOException ex) {
			return true;
		}
	}

	/**
	 * Deletes the file if no process has a request on it, so idle keys take no disk: with the state
	 * lock (not waiting for it), checks the queue is empty and holds no average, raises the
	 * directory's ticket floor past this file's tickets, marks the file reclaimed and unlinks it.
	 * A process that opened the file before the unlink sees the mark once it locks the state, and
	 * opens the path again. Never waits; gives up (keeping the file) on any doubt.
	 * @param raiseFloor raises the directory's ticket floor to at least its argument; false if it
	 * could not
	 * @return whether the file was deleted
	 */
	boolean reclaim(LongPredicate raiseFloor) {
		FileLock state;
		try {
			state = tryLock(0, false);
		}
		catch (RuntimeException ex) {
			return false;
		}
		if (state == null) {
			return false;
		}
		try {
			if (isStale()) {
				return false;
			}
			QueueState queue = this.codec.read();
			if (!queue.entries.isEmpty() || queue.averageCount != 0 || !raiseFloor.test(queue.lastTicket)) {
				return false;
			}
			this.codec.tombstone();
			Files.deleteIfExists(this.path);
			return true;
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
		finally {
			release(state);
		}
	}

	/**
	 * Unlinks the path if it still links this file and the file is marked reclaimed: a reclaim
	 * that stopped between its mark and its unlink. Under the state lock.
	 */
	void finishReclaim() {
		try {
			if (this.codec.isTombstoned() && this.identity != null && this.identity.equals(identity(this.path))) {
				Files.deleteIfExists(this.path);
			}
		}
		catch (IOException ex) {
			// gone already, or not ours to delete: the next opener tries again
		}
	}

	String key() {
		return this.key;
	}

	Path path() {
		return this.path;
	}

	StateCodec codec() {
		return this.codec;
	}

	/** The wait region of {@code ticket}: held while the request waits. */
	static long waitRegion(long ticket) {
		return SIGNAL_BASE + 2 * ticket;
	}

	/** The hold region of {@code ticket}: held while the request waits or holds. */
	static long holdRegion(long ticket) {
		return SIGNAL_BASE + 2 * ticket + 1;
	}

	/**
	 * Takes the state lock before {@code deadlineNanos} ({@link System#nanoTime()}); the caller
	 * holds the key's in-JVM gate. Spins briefly, then polls with a growing pause (at most
	 * {@link #MAX_POLL_NANOS}); never blocks in the kernel, so a foreign process that holds a
	 * record lock on the file cannot hold the caller past its deadline.
	 * @return the lock, or {@code null} if the deadline passed first
	 */
	@Nullable FileLock lockState(long deadlineNanos) {
		long pause = 20_000;
		for (int attempt = 0;; attempt++) {
			FileLock lock = tryLock(0, false);
			if (lock != null) {
				return lock;
			}
			long left = deadlineNanos - System.nanoTime();
			if (left <= 0) {
				return null;
			}
			if (attempt < SPINS_BEFORE_BLOCKING) {
				Thread.onSpinWait();
				if (attempt > 20) {
					Thread.yield();
				}
				continue;
			}
			LockSupport.parkNanos(Math.min(pause, left));
			pause = Math.min(pause * 2, MAX_POLL_NANOS);
		}
	}

	/**
	 * Tries to lock one byte at {@code position} without waiting.
	 * @return the lock, or {@code null} if another process holds it or this JVM already holds or
	 * waits for it
	 */
	@Nullable FileLock tryLock(long position, boolean shared) {
		try {
			return this.channel.tryLock(position, 1, shared);
		}
		catch (OverlappingFileLockException ex) {
			return null;
		}
		catch (IOException ex) {
			throw new DiskLockException(this.key, this.path, "Cannot lock region " + position, ex);
		}
	}

	/** Locks a region that nobody else may hold: a fresh ticket's own region. */
	FileLock lockOwn(long position) {
		FileLock lock = tryLock(position, false);
		if (lock == null) {
			throw new DiskLockException(this.key, this.path, "A fresh ticket's region " + position + " is locked");
		}
		return lock;
	}

	/** Blocks on a waiter thread until {@code position} can be locked shared, then calls back. */
	<A> void lockAsync(long position, A attachment, CompletionHandler<FileLock, ? super A> handler) {
		this.channel.lock(position, 1, true, attachment, handler);
	}

	static void release(@Nullable FileLock lock) {
		if (lock != null && lock.isValid()) {
			try {
				lock.release();
			}
			catch (IOException ex) {
				// the channel is closed: the kernel dropped the lock with it
			}
		}
	}

	static boolean isFalseDeadlock(@Nullable Throwable ex) {
		return ex instanceof IOException && ex.getMessage() != null
				&& ex.getMessage().toLowerCase(java.util.Locale.ROOT).contains("deadlock");
	}

	boolean isOpen() {
		return this.channel.isOpen();
	}

	/** Closes the file and unmaps its state; called once nothing reads the state any more (under the gate). */
	void close() {
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			// closing drops the locks; nothing else to do
		}
		if (!this.unmapped) {
			this.unmapped = true;
			Unmapper.unmap(this.map);
		}
	}

}
