package dev.fleche.core.lock.local;

import java.util.concurrent.CompletableFuture;

import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.spi.Grant;
import dev.fleche.core.lock.spi.Owner;

/**
 * A queued request: the future its waiter holds. Cancelling it withdraws it from the queue.
 */
final class LocalRequest extends CompletableFuture<Grant> {

	private final LocalKeyQueue queue;

	final LockMode mode;

	final Owner owner;

	final LockOptions options;

	LocalRequest(LocalKeyQueue queue, LockMode mode, Owner owner, LockOptions options) {
		this.queue = queue;
		this.mode = mode;
		this.owner = owner;
		this.options = options;
	}

	@Override
	public boolean cancel(boolean mayInterruptIfRunning) {
		boolean cancelled = super.cancel(mayInterruptIfRunning);
		if (cancelled) {
			this.queue.withdraw(this);
		}
		return cancelled;
	}

	@Override
	public boolean completeExceptionally(Throwable ex) {
		boolean completed = super.completeExceptionally(ex);
		if (completed) {
			this.queue.withdraw(this);
		}
		return completed;
	}

}
