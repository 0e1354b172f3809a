package dev.fleche.core.lock.spi;

import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.lock.HeldModes;
import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.LockState;

/**
 * The FIFO queue of one key at a backend. A request is granted only when every earlier request
 * was granted and its mode is compatible with the modes held. The backend keeps the queue's state
 * while this object is reachable; idle queues that nobody references may be collected.
 */
public interface KeyQueue {

	/** The key. */
	String key();

	/**
	 * Grants at once if nobody is queued and {@code mode} is compatible with what is held;
	 * never waits.
	 * @return the grant, or {@code null} if it cannot be granted now
	 */
	@Nullable Grant tryAcquire(LockMode mode, Owner owner, LockOptions options);

	/**
	 * Queues a request. The future completes with the grant in FIFO order. Cancelling it withdraws
	 * the request, and lets those behind it through; if the grant raced with the cancellation, the
	 * backend releases it.
	 */
	CompletableFuture<Grant> enqueue(LockMode mode, Owner owner, LockOptions options);

	/** The modes held now. */
	HeldModes held();

	/** The requests waiting now. */
	int queueLength();

	/** A snapshot of this key. */
	LockState state();

}
