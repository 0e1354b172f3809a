package dev.fleche.benchmarks.lock;

import java.nio.file.Path;

/**
 * The other process of the handoff benchmark: takes the lock whenever it is its turn, passes the
 * turn back and releases, until told to stop. Arguments: the lock kind and the work directory.
 */
public final class HandoffPeer {

	private HandoffPeer() {
	}

	/** Runs the peer: {@code args} are the lock kind and the work directory. */
	public static void main(String[] args) throws Exception {
		Path directory = Path.of(args[1]);
		TurnBoard board = new TurnBoard(directory.resolve("board"));
		try (PingLock lock = PingLock.open(args[0], directory)) {
			board.markReady();
			while (!board.stopped()) {
				lock.acquire();
				if (board.turn() == TurnBoard.PEER) {
					board.pass(TurnBoard.BENCHMARK);
				}
				lock.release();
			}
		}
	}

}
