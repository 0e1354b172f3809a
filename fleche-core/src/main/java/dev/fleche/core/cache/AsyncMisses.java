package dev.fleche.core.cache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.digest.Digest;
import dev.fleche.core.lock.LockHandle;

/**
 * Misses of functions that return a {@code CompletableFuture} or {@code CompletionStage}: one
 * computation per key in flight, its lock stripe held until the function's future completes, the
 * value stored once it completes normally. Each caller gets its own dependent future, so cancelling
 * one cancels neither the computation nor the others.
 */
final class AsyncMisses {

	private final CallRecords records;

	private final CacheLocks locks;

	private final CacheListeners listeners;

	private final Executor executor;

	private final ConcurrentHashMap<Digest, CompletableFuture<Object>> inFlight = new ConcurrentHashMap<>();

	AsyncMisses(CallRecords records, CacheLocks locks, CacheListeners listeners, Executor executor) {
		this.records = records;
		this.locks = locks;
		this.listeners = listeners;
		this.executor = executor;
	}

	/** Joins the computation of {@code miss} in flight, or starts it; a new dependent future each call. */
	CompletableFuture<Object> miss(Miss miss) {
		CompletableFuture<Object> mine = new CompletableFuture<>();
		CompletableFuture<Object> running = this.inFlight.putIfAbsent(miss.key(), mine);
		if (running != null) {
			return running.thenApply(value -> value);
		}
		CompletableFuture<@Nullable LockHandle> locked = this.locks.acquireAsync(miss.key());
		// A stripe granted later is granted inside its releaser's close(): start the function elsewhere
		CompletableFuture<Object> computed = locked.isDone() ? locked.thenCompose(handle -> compute(miss, handle))
				: locked.thenComposeAsync(handle -> compute(miss, handle), this.executor);
		computed.whenComplete((value, error) -> {
			this.inFlight.remove(miss.key(), mine);
			if (error != null) {
				mine.completeExceptionally(unwrap(error));
			}
			else {
				mine.complete(value);
			}
		});
		return mine.thenApply(value -> value);
	}

	private CompletableFuture<Object> compute(Miss miss, @Nullable LockHandle handle) {
		if (handle != null) {
			CallRecords.Hit hit = this.records.lookup(miss.spec().function(), miss.key(), miss.valueType());
			if (hit != null) {
				handle.close();
				this.listeners.hit(miss.spec().function(), miss.key());
				return CompletableFuture.completedFuture(hit.value());
			}
		}
		long start = System.nanoTime();
		CompletionStage<?> stage;
		CacheLocks.entered(handle);
		try {
			stage = (CompletionStage<?>) miss.invocation().proceed();
		}
		catch (Throwable ex) {
			CacheLocks.release(handle);
			return CompletableFuture.failedFuture(ex);
		}
		finally {
			CacheLocks.left(handle);
		}
		if (stage == null) {
			CacheLocks.release(handle);
			return CompletableFuture.completedFuture(null);
		}
		CompletableFuture<Object> done = new CompletableFuture<>();
		stage.whenComplete((value, error) -> {
			try {
				if (error == null) {
					long took = System.nanoTime() - start;
					this.listeners.miss(miss.spec().function(), took);
					this.records.store(miss.spec(), miss.key(), miss.arguments(), value, took);
				}
			}
			finally {
				CacheLocks.release(handle);
				if (error != null) {
					done.completeExceptionally(unwrap(error));
				}
				else {
					done.complete(value);
				}
			}
		});
		return done;
	}

	private static Throwable unwrap(Throwable error) {
		return (error instanceof CompletionException && error.getCause() != null) ? error.getCause() : error;
	}

}
