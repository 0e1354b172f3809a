package dev.fleche.core.lock.redis;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.spi.Grant;
import dev.fleche.core.lock.spi.Owner;

/**
 * A request queued on the server, as the future its waiter holds. Cancelling it, or failing it,
 * withdraws it from the server's queue (and releases a grant that raced with that).
 */
final class RedisRequest extends CompletableFuture<Grant> {

	final RedisKeyQueue queue;

	final String id;

	final LockMode mode;

	final Owner owner;

	final LockOptions options;

	private @Nullable ScheduledFuture<?> recheck;

	RedisRequest(RedisKeyQueue queue, String id, LockMode mode, Owner owner, LockOptions options) {
		this.queue = queue;
		this.id = id;
		this.mode = mode;
		this.owner = owner;
		this.options = options;
	}

	@Override
	public boolean cancel(boolean mayInterruptIfRunning) {
		boolean cancelled = super.cancel(mayInterruptIfRunning);
		if (cancelled) {
			ended();
			this.queue.withdraw(this);
		}
		return cancelled;
	}

	@Override
	public boolean completeExceptionally(Throwable ex) {
		boolean completed = super.completeExceptionally(ex);
		if (completed) {
			ended();
			this.queue.withdraw(this);
		}
		return completed;
	}

	@Override
	public boolean complete(Grant grant) {
		boolean completed = super.complete(grant);
		if (completed) {
			ended();
		}
		return completed;
	}

	/** Replaces the pending safety re-check. */
	synchronized void recheckWith(@Nullable ScheduledFuture<?> next) {
		ScheduledFuture<?> previous = this.recheck;
		if (previous != null) {
			previous.cancel(false);
		}
		if (isDone() && next != null) {
			next.cancel(false);
			this.recheck = null;
			return;
		}
		this.recheck = next;
	}

	private void ended() {
		recheckWith(null);
	}

}
