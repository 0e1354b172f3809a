package dev.fleche.benchmarks.lock;

import java.nio.file.Path;

/**
 * The other process of the Redis handoff benchmark. Arguments: the lock kind, the Redis host and
 * port, and the work directory.
 */
public final class RedisHandoffPeer {

	private RedisHandoffPeer() {
	}

	/** Runs the peer until told to stop. */
	public static void main(String[] args) throws Exception {
		TurnBoard board = new TurnBoard(Path.of(args[3]).resolve("board"));
		try (PingLock lock = RedisPingLocks.open(args[0], args[1], Integer.parseInt(args[2]), "handoff")) {
			board.markReady();
			while (!board.stopped()) {
				lock.acquire();
				if (board.turn() == TurnBoard.PEER) {
					board.pass(TurnBoard.BENCHMARK);
				}
				lock.release();
			}
		}
		System.exit(0);
	}

}
