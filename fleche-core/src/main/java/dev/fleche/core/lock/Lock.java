package dev.fleche.core.lock;

/**
 * A mutex: at most one holder, not re-entrant (a second acquire by the holder waits like anyone
 * else's).
 */
public interface Lock extends Acquirable {

	/**
	 * Releases the grant the calling owner (process and thread) holds.
	 * @throws IllegalReleaseException if the calling owner holds no grant of this lock
	 */
	void release();

}
