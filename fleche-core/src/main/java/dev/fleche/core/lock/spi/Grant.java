package dev.fleche.core.lock.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.fleche.core.lock.LockMode;

/**
 * A grant made by a backend. The primitives wrap it in a {@code LockHandle}.
 */
public interface Grant {

	/** The key. */
	String key();

	/** The mode granted. */
	LockMode mode();

	/** Who it was granted to. */
	Owner owner();

	/** The fencing token: strictly increasing per key, never reused. */
	long token();

	/** When the lease ends, if any. */
	Optional<Instant> leaseExpiresAt();

	/**
	 * Releases the grant at the backend.
	 * @return {@code true} if it was held and is now released, {@code false} if it was released
	 * already or its lease was lost
	 */
	boolean release();

	/** Whether the grant is still held at the backend. */
	boolean isHeld();

	/**
	 * Completes when the backend takes the grant away before it is released: its lease ran out,
	 * or it was released by tag.
	 */
	CompletableFuture<Grant> lost();

	/**
	 * Moves the end of this grant's lease to {@code lease} from now; a grant that had no lease gets
	 * one.
	 * @param lease the new lease, positive
	 * @return {@code true} if the grant is still held and now ends then, {@code false} if it was
	 * released or lost
	 */
	boolean extend(Duration lease);

	/**
	 * Completes when the backend can no longer confirm this grant, for example when its connection
	 * to a server failed: the grant may still be held. Backends without a server return a future
	 * that never completes; {@link #lost()} completes when the grant is certainly gone.
	 */
	default CompletableFuture<Grant> inDoubt() {
		return new CompletableFuture<>();
	}

}
