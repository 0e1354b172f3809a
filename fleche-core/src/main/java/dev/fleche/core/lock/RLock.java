package dev.fleche.core.lock;

/**
 * A re-entrant mutex: the owner (process and thread) that holds it may acquire it again; it is
 * freed when the owner has released as many times as it acquired.
 */
public interface RLock extends Lock {

	/** How many times the calling owner holds this lock; 0 if it does not. */
	int holdCount();

}
