package dev.fleche.benchmarks.lock;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.disk.DiskLockBackend;
import dev.fleche.core.lock.spi.Grant;
import dev.fleche.core.lock.spi.KeyQueue;
import dev.fleche.core.lock.spi.Owner;

/**
 * The lock two processes hand to each other in the handoff benchmark: ours or the JDK's.
 */
interface PingLock extends AutoCloseable {

	/** Blocks until held. */
	void acquire() throws Exception;

	void release() throws Exception;

	@Override
	void close() throws Exception;

	/** Opens the lock of {@code kind} ({@code disk} or {@code filechannel}) under {@code directory}. */
	static PingLock open(String kind, Path directory) throws IOException {
		return switch (kind) {
			case "disk" -> new Disk(directory.resolve("locks"));
			case "filechannel" -> new Channel(directory.resolve("raw.lock"));
			default -> throw new IllegalArgumentException("Unknown lock kind " + kind);
		};
	}

	/** Ours: the disk backend's FIFO mutex. */
	final class Disk implements PingLock {

		private final DiskLockBackend backend;

		private final KeyQueue queue;

		private Grant grant;

		Disk(Path directory) {
			this.backend = DiskLockBackend.open(directory);
			this.queue = this.backend.queue("handoff");
		}

		@Override
		public void acquire() {
			this.grant = this.queue.enqueue(LockMode.MUTEX, Owner.current(), LockOptions.defaults()).join();
		}

		@Override
		public void release() {
			this.grant.release();
		}

		@Override
		public void close() {
			this.backend.close();
		}

	}

	/** Peer: {@link FileChannel#lock(long, long, boolean)} on one file. */
	final class Channel implements PingLock {

		private final FileChannel channel;

		private FileLock lock;

		Channel(Path file) throws IOException {
			this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
					StandardOpenOption.WRITE);
		}

		@Override
		public void acquire() throws IOException {
			this.lock = this.channel.lock(0, 1, false);
		}

		@Override
		public void release() throws IOException {
			this.lock.release();
		}

		@Override
		public void close() throws IOException {
			this.channel.close();
		}

	}

}
