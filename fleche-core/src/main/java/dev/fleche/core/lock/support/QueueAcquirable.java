package dev.fleche.core.lock.support;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.lock.Acquirable;
import dev.fleche.core.lock.LockException;
import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.LockTimeoutException;
import dev.fleche.core.lock.spi.Grant;
import dev.fleche.core.lock.spi.KeyQueue;
import dev.fleche.core.lock.spi.Owner;

/**
 * Every acquire form over one {@link KeyQueue} in one mode: {@link KeyQueue#tryAcquire} first,
 * then a queued request that is withdrawn on timeout, interruption or cancellation.
 */
abstract class QueueAcquirable implements Acquirable {

	final KeyQueue queue;

	final LockMode mode;

	final LockOptions options;

	final Listeners listeners;

	QueueAcquirable(KeyQueue queue, LockMode mode, LockOptions options, Listeners listeners) {
		this.queue = queue;
		this.mode = mode;
		this.options = options;
		this.listeners = listeners;
	}

	/** A grant that needs no queueing, for a re-entrant primitive; {@code null} otherwise. */
	@Nullable LockHandle reenter() {
		return null;
	}

	/** Wraps a fresh grant in the handle the caller gets. */
	LockHandle adopt(Grant grant) {
		return new GrantHandle(grant, this.listeners, null, null, losable());
	}

	/** Whether a grant can be taken away: it has a lease, or tags to be released by. */
	final boolean losable() {
		return this.options.lease() != null || !this.options.tags().isEmpty();
	}

	@Override
	public final String key() {
		return this.queue.key();
	}

	@Override
	public final LockMode mode() {
		return this.mode;
	}

	@Override
	public final LockHandle acquire() throws InterruptedException {
		LockHandle handle = tryNow();
		return (handle != null) ? handle : await(-1);
	}

	@Override
	public final LockHandle acquire(Duration timeout) throws InterruptedException {
		return tryAcquire(timeout).orElseThrow(() -> new LockTimeoutException(key(), timeout));
	}

	@Override
	public final Optional<LockHandle> tryAcquire(Duration timeout) throws InterruptedException {
		LockHandle handle = tryNow();
		if (handle != null || timeout.isNegative() || timeout.isZero()) {
			return Optional.ofNullable(handle);
		}
		return Optional.ofNullable(await(saturatedNanos(timeout)));
	}

	@Override
	public final Optional<LockHandle> tryAcquire() {
		return Optional.ofNullable(grantNow());
	}

	@Override
	public final CompletableFuture<LockHandle> acquireAsync() {
		Optional<LockHandle> now = tryAcquire();
		if (now.isPresent()) {
			return CompletableFuture.completedFuture(now.get());
		}
		long start = System.nanoTime();
		this.listeners.waiting(key(), this.mode);
		CompletableFuture<Grant> request = this.queue.enqueue(this.mode, Owner.current(), this.options);
		CompletableFuture<LockHandle> result = new CompletableFuture<>();
		request.whenComplete((grant, failure) -> {
			if (failure != null) {
				result.completeExceptionally(failure);
				return;
			}
			LockHandle handle = granted(grant, start, true);
			if (!result.complete(handle)) {
				handle.close();
			}
		});
		result.whenComplete((handle, failure) -> {
			if (failure != null) {
				withdraw(request);
				this.listeners.timedOut(key(), this.mode, System.nanoTime() - start);
			}
		});
		return result;
	}

	@Override
	public final CompletableFuture<LockHandle> acquireAsync(Duration timeout) {
		CompletableFuture<LockHandle> result = acquireAsync();
		if (!result.isDone()) {
			CompletableFuture.delayedExecutor(saturatedNanos(timeout), TimeUnit.NANOSECONDS)
				.execute(() -> result.completeExceptionally(new LockTimeoutException(key(), timeout)));
		}
		return result;
	}

	@Override
	public final boolean isLocked() {
		return this.queue.held().total() > 0;
	}

	private @Nullable LockHandle tryNow() throws InterruptedException {
		if (Thread.interrupted()) {
			throw new InterruptedException("Interrupted before acquiring lock '" + key() + "'");
		}
		return grantNow();
	}

	private @Nullable LockHandle grantNow() {
		LockHandle handle = reenter();
		if (handle != null) {
			return handle;
		}
		Grant grant = this.queue.tryAcquire(this.mode, Owner.current(), this.options);
		return (grant != null) ? granted(grant, 0, false) : null;
	}

	/** Queues and waits; {@code null} on timeout. A negative timeout waits forever. */
	private @Nullable LockHandle await(long timeoutNanos) throws InterruptedException {
		long start = System.nanoTime();
		this.listeners.waiting(key(), this.mode);
		CompletableFuture<Grant> request = this.queue.enqueue(this.mode, Owner.current(), this.options);
		Grant grant;
		try {
			grant = (timeoutNanos < 0) ? request.get() : request.get(timeoutNanos, TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException | TimeoutException ex) {
			withdraw(request);
			this.listeners.timedOut(key(), this.mode, System.nanoTime() - start);
			if (ex instanceof InterruptedException interrupted) {
				throw interrupted;
			}
			return null;
		}
		catch (ExecutionException ex) {
			throw new LockException(key(), "Waiting for lock '" + key() + "' failed: " + ex.getCause(), ex.getCause());
		}
		return granted(grant, start, true);
	}

	private LockHandle granted(Grant grant, long start, boolean contended) {
		LockHandle handle = adopt(grant);
		if (!this.listeners.isEmpty()) {
			this.listeners.acquired(key(), this.mode, grant.token(), contended ? System.nanoTime() - start : 0,
					contended);
		}
		return handle;
	}

	/** Withdraws a request; a grant that raced with the withdrawal is released. */
	private static void withdraw(CompletableFuture<Grant> request) {
		if (!request.cancel(false) && request.isDone() && !request.isCompletedExceptionally()) {
			request.join().release();
		}
	}

	private static long saturatedNanos(Duration timeout) {
		try {
			return Math.max(0, timeout.toNanos());
		}
		catch (ArithmeticException ex) {
			return Long.MAX_VALUE;
		}
	}

}
