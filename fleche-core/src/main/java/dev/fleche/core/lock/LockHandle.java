package dev.fleche.core.lock;

import java.time.Duration;
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
	 * Moves the end of the lease to {@code lease} from now; a grant without a lease gets one.
	 * @param lease the new lease, positive
	 * @throws LeaseLostException if the grant's lease was lost
	 * @throws AlreadyReleasedException if this handle was released
	 */
	void extend(Duration lease);

	/**
	 * Whether the backend could not confirm this grant at some point, for example because its
	 * connection to a server failed. The grant may still be held; {@link #isLeaseLost()} tells
	 * when it is certainly gone. Always {@code false} on backends without a server.
	 */
	boolean isLeaseInDoubt();

	/**
	 * Completes with this handle when the backend can no longer confirm the grant (it may be
	 * lost); never completes on backends without a server, or if the grant is released first.
	 */
	CompletableFuture<LockHandle> leaseInDoubt();

	/**
	 * Releases this grant.
	 * @throws AlreadyReleasedException if it was released already
	 * @throws LeaseLostException if its lease was lost before this release (the handle goes on
	 * reporting {@link #isLeaseLost()})
	 */
	void release();

	/**
	 * Releases this grant if it is still held; does nothing otherwise.
	 */
	@Override
	void close();

}
