package dev.fleche.core.lock;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Something that can be acquired in one mode: every primitive, and every mode of a FIFO lock.
 */
public interface Acquirable {

	/** The key acquired. */
	String key();

	/** The mode a grant of this holds. */
	LockMode mode();

	/**
	 * Waits as long as it takes.
	 * @return the grant
	 * @throws InterruptedException if the thread is interrupted while waiting; nothing is held then
	 */
	LockHandle acquire() throws InterruptedException;

	/**
	 * Waits at most {@code timeout}.
	 * @return the grant
	 * @throws LockTimeoutException if the timeout passed first; nothing is held then
	 * @throws InterruptedException if the thread is interrupted while waiting
	 */
	LockHandle acquire(Duration timeout) throws InterruptedException;

	/**
	 * Waits at most {@code timeout}; {@link Duration#ZERO} tries once without waiting. A request
	 * that gets nothing, even with a zero timeout, counts as a timeout for listeners.
	 * @return the grant, or empty if the timeout passed first
	 * @throws InterruptedException if the thread is interrupted while waiting
	 */
	Optional<LockHandle> tryAcquire(Duration timeout) throws InterruptedException;

	/**
	 * Tries once without waiting; not counted as a timeout when it gets nothing.
	 * @return the grant, or empty if it is not available now
	 */
	Optional<LockHandle> tryAcquire();

	/**
	 * Requests a grant without blocking the caller. Cancelling the future before it completes
	 * withdraws the request and lets those queued behind it through; a grant that races with the
	 * cancellation is released.
	 * @return a future completed with the grant
	 */
	CompletableFuture<LockHandle> acquireAsync();

	/**
	 * Like {@link #acquireAsync()}, completing exceptionally with {@link LockTimeoutException} if
	 * {@code timeout} passes first.
	 */
	CompletableFuture<LockHandle> acquireAsync(Duration timeout);

	/** Whether the key is held now in any mode, by anyone. */
	boolean isLocked();

}
