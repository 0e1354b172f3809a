package dev.fleche.benchmarks.lock;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A few longs shared by the two processes of the handoff benchmark through a mapped file (not
 * the lock file): whose turn it is, when the last holder released, and a stop flag. Written
 * and read only while holding the lock under test, except the flags.
 */
final class TurnBoard {

	static final long BENCHMARK = 0;

	static final long PEER = 1;

	private static final int TURN = 0;

	private static final int RELEASED_AT = 8;

	private static final int STOP = 16;

	private static final int READY = 24;

	private final MappedByteBuffer map;

	TurnBoard(Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
				StandardOpenOption.WRITE)) {
			this.map = channel.map(FileChannel.MapMode.READ_WRITE, 0, 64);
		}
	}

	long turn() {
		return this.map.getLong(TURN);
	}

	/** Hands the turn to {@code next} and stamps the release time; call just before releasing. */
	void pass(long next) {
		this.map.putLong(TURN, next);
		this.map.putLong(RELEASED_AT, System.nanoTime());
	}

	long releasedAt() {
		return this.map.getLong(RELEASED_AT);
	}

	boolean stopped() {
		return this.map.getLong(STOP) != 0;
	}

	void stop() {
		this.map.putLong(STOP, 1);
	}

	boolean ready() {
		return this.map.getLong(READY) != 0;
	}

	void markReady() {
		this.map.putLong(READY, 1);
	}

}
