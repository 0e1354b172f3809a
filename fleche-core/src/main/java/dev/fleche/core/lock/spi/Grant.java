package dev.fleche.core.lock.spi;

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

}
