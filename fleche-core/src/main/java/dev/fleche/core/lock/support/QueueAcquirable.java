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

	/**
	 * Called before a synchronous request queues. Throws {@link dev.fleche.core.lock.SelfDeadlockException}
	 * if only the calling thread's own grants keep it out; may grant at once instead (a handle).
	 * @param forever whether the request would wait without a timeout
	 */
	@Nullable LockHandle beforeWait(boolean forever) {
		return null;
	}

	/** Wraps a fresh grant in the handle the caller gets. */
	LockHandle adopt(Grant grant) {
		return new GrantHandle(grant, this.listeners, null, null, losable());
	}

	/**
	 * Wraps a grant requested asynchronously. It belongs to its handle, not to the calling thread,
	 * so a re-entrant primitive does not re-enter it implicitly.
	 */
	LockHandle adoptAsync(Grant grant) {
		return adopt(grant);
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
		if (handle != null) {
			return Optional.of(handle);
		}
		if (timeout.isNegative() || timeout.isZero()) {
			this.listeners.timedOut(key(), this.mode, 0);
			return Optional.empty();
		}
		return Optional.ofNullable(await(saturatedNanos(timeout)));
	}

	@Override
	public final Optional<LockHandle> tryAcquire() {
		return Optional.ofNullable(grantNow());
	}

	@Override
	public final CompletableFuture<LockHandle> acquireAsync() {
		Grant now = this.queue.tryAcquire(this.mode, Owner.current(), this.options);
		if (now != null) {
			return CompletableFuture.completedFuture(granted(now, 0, false, true));
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
			LockHandle handle = granted(grant, start, true, true);
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
		return (grant != null) ? granted(grant, 0, false, false) : null;
	}

	/** Queues and waits; {@code null} on timeout. A negative timeout waits forever. */
	private @Nullable LockHandle await(long timeoutNanos) throws InterruptedException {
		LockHandle self = beforeWait(timeoutNanos < 0);
		if (self != null) {
			return self;
		}
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
		return granted(grant, start, true, false);
	}

	private LockHandle granted(Grant grant, long start, boolean contended, boolean async) {
		LockHandle handle = async ? adoptAsync(grant) : adopt(grant);
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
