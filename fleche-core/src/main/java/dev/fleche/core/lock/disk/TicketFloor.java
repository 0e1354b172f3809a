package dev.fleche.core.lock.disk;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.fleche.core.files.PrivateFiles;

/**
 * The lowest ticket a new lock file of the directory starts after: at least every ticket of every
 * reclaimed lock file, so a key's fencing tokens keep growing when its file is deleted and created
 * again. One 8-byte file, raised under a record lock before a lock file is deleted. The in-JVM
 * monitor keeps this JVM's threads from overlapping record locks.
 */
final class TicketFloor {

	/** The file's name in the lock directory; never a lock file's (they end in {@code .lock}). */
	static final String FILE_NAME = "ticket-floor";

	private static final long LOCK_BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

	private final Path file;

	TicketFloor(Path file) {
		this.file = file;
	}

	/** The floor; 0 if never raised. */
	synchronized long read() {
		PrivateFiles.refuseLink(this.file, "ticket floor file");
		// a RandomAccessFile, unlike a channel, is not closed by an interrupt
		try (RandomAccessFile in = new RandomAccessFile(this.file.toFile(), "r")) {
			return in.length() >= 8 ? Math.max(0, in.readLong()) : 0;
		}
		catch (FileNotFoundException ex) {
			return 0;
		}
		catch (IOException ex) {
			throw new DiskLockException("", this.file, "Cannot read the ticket floor", ex);
		}
	}

	/** Raises the floor to at least {@code ticket}; false if its lock could not be had at once. */
	synchronized boolean raise(long ticket) {
		boolean interrupted = Thread.interrupted();
		try (FileChannel channel = (FileChannel) PrivateFiles.open(this.file, "ticket floor file",
				Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE))) {
			FileLock lock = lock(channel);
			if (lock == null) {
				return false;
			}
			long floor = readFrom(channel);
			if (ticket > floor) {
				channel.write(ByteBuffer.allocate(8).putLong(0, ticket), 0);
			}
			return true;
		}
		catch (IOException | OverlappingFileLockException ex) {
			return false;
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static FileLock lock(FileChannel channel) throws IOException {
		long deadline = System.nanoTime() + LOCK_BUDGET_NANOS;
		while (true) {
			FileLock lock = channel.tryLock();
			if (lock != null || System.nanoTime() - deadline > 0) {
				return lock;
			}
			LockSupport.parkNanos(100_000);
		}
	}

	private static long readFrom(FileChannel channel) throws IOException {
		ByteBuffer bytes = ByteBuffer.allocate(8);
		while (bytes.hasRemaining() && channel.read(bytes, bytes.position()) > 0) {
			// until 8 bytes or the end
		}
		return bytes.position() == 8 ? Math.max(0, bytes.getLong(0)) : 0;
	}

}
