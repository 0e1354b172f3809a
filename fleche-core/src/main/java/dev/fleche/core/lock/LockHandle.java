package dev.fleche.core.lock;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One grant of a primitive. Releases once: a second {@link #close()} is a no-op, a second
 * {@link #release()} is an error.
 */
public interface LockHandle extends AutoCloseable {

	/** The key this grant is on. */
	String key();

	/** The mode this grant holds. */
	LockMode mode();

	/**
	 * The fencing token of this grant: strictly greater than every token granted before on the
	 * same key, never reused, also across restarts of a persistent backend.
	 */
	long token();

	/** Whether this grant is still held: not released and its lease not lost. */
	boolean isHeld();

	/** Whether this grant's lease expired, or the backend took it away, before release. */
	boolean isLeaseLost();

	/**
	 * Completes with this handle when the lease is lost; never completes if the grant is released
	 * first.
	 */
	CompletableFuture<LockHandle> leaseLost();

	/** When the lease ends, if the grant has one. */
	Optional<Instant> leaseExpiresAt();

	/**
	 * Releases this grant.
	 * @throws IllegalReleaseException if it was released already or its lease was lost
	 */
	void release();

	/**
	 * Releases this grant if it is still held; does nothing otherwise.
	 */
	@Override
	void close();

}
