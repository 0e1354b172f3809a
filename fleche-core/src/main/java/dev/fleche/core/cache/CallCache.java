package dev.fleche.core.cache;

import java.lang.reflect.Type;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.fleche.core.FlecheException;
import dev.fleche.core.cache.expiry.ExpiringCallStorage;
import dev.fleche.core.cache.shape.ShapedVersions;
import dev.fleche.core.call.CallKeys;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.digest.Digester;
import dev.fleche.core.digest.UndigestableValueException;
import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.cache.eviction.SizeLimiter;

/**
 * Persistent memoization of function calls.
 * <p>
 * A call's key is the digest of its function, version and argument digests. A hit loads the stored
 * result into the declared return type. A miss runs the function and stores the argument values,
 * the result and the call record with metadata ({@code fleche}: duration, time, host). Concurrent
 * misses of one key run the function once in this JVM, and once across processes when a shared
 * {@link LockService} is given: the first caller computes under the lock
 * {@code fleche.cache/<first 3 hex characters of the key>} (4096 stripes, so lock files stay
 * bounded; two misses in one stripe wait for each other), re-checks the store, and the others get
 * its result (or its exception, except an interrupt of the leader's thread: then they try again).
 * A nested miss (a cached function calling one) never waits for a
 * stripe, so stripes cannot deadlock; see {@link CacheLocks}.
 * <p>
 * Rules: exceptions are never cached. A {@code null} result is cached like any value. For a
 * {@code CompletableFuture}/{@code CompletionStage} return type the value is stored once the
 * future completes normally, and a hit returns a completed future. A store that cannot be read
 * (corrupt entry, unavailable) or written is logged and reported to the listeners, and the call goes
 * on without it: the cache never breaks the call. An argument that cannot be digested skips the
 * cache for that call. A call stored with an expiry ({@link CallSpec#expireAfter()}) is a miss from
 * its expiry time on, by this cache's clock, whether or not it was swept from the store. The shape
 * of the declared result type (records, beans and enums of the application, see
 * {@link dev.fleche.core.cache.shape.ResultShape}) is added to the version, so a changed shape misses.
 */
public final class CallCache {

	private static final Logger logger = LoggerFactory.getLogger(CallCache.class);

	/** What a follower's wait returns when its leader's thread was interrupted. */
	private static final Object LEADER_INTERRUPTED = new Object();

	private final CallRecords records;

	private final CacheLocks locks;

	private final AsyncMisses asyncMisses;

	private final CacheListeners listeners = new CacheListeners();

	private final ShapedVersions shapes = new ShapedVersions();

	private final ConcurrentHashMap<Digest, CompletableFuture<Object>> inFlight = new ConcurrentHashMap<>();

	private CallCache(Builder builder) {
		this.records = new CallRecords(builder.values, ExpiringCallStorage.wrap(builder.calls, builder.clock),
				builder.clock, builder.host, this.listeners, builder.sizeLimiter);
		if (builder.sizeLimiter != null) {
			this.listeners.add(builder.sizeLimiter);
		}
		this.locks = new CacheLocks(builder.locks);
		this.asyncMisses = new AsyncMisses(this.records, this.locks, this.listeners, builder.executor);
		builder.listeners.forEach(this.listeners::add);
	}

	/** A builder over the storages of values and call records. */
	public static Builder builder(ValueStorage values, CallStorage calls) {
		return new Builder(values, calls);
	}

	/** Adds a listener of hits, misses and errors. */
	public void addListener(CallCacheListener listener) {
		this.listeners.add(Objects.requireNonNull(listener, "listener"));
	}

	/**
	 * Returns the stored result of {@code declared}, or runs {@code invocation} and stores its result.
	 * @return the result, or for an asynchronous return type a future of it
	 * @throws Throwable whatever the invocation throws, unchanged
	 */
	public @Nullable Object call(CallSpec declared, Invocation invocation) throws Throwable {
		boolean async = ResultTypes.isAsync(declared.returnType());
		Type valueType = async ? ResultTypes.valueType(declared.returnType()) : declared.returnType();
		String shape = this.shapes.suffix(valueType);
		CallSpec spec = shape.isEmpty() ? declared : declared.withVersion(declared.version() + shape);
		Map<String, Digest> arguments;
		try {
			arguments = digestArguments(spec);
		}
		catch (UndigestableValueException ex) {
			logger.warn("Not caching {}: {}", spec.function(), ex.getMessage());
			this.listeners.error(spec.function(), ex);
			return invocation.proceed();
		}
		Digest key = CallKeys.key(spec.function(), spec.version(), arguments);
		CallRecords.Hit hit = this.records.lookup(spec.function(), key, valueType);
		if (hit != null) {
			this.listeners.hit(spec.function(), key);
			return async ? CompletableFuture.completedFuture(hit.value()) : hit.value();
		}
		Miss miss = new Miss(spec, key, arguments, valueType, invocation);
		return async ? this.asyncMisses.miss(miss) : missSync(miss);
	}

	private Map<String, Digest> digestArguments(CallSpec spec) {
		Map<String, Digest> digests = new LinkedHashMap<>();
		spec.arguments().forEach((name, value) -> digests.put(name, Digester.standard().digest(value)));
		return digests;
	}

	/**
	 * Computes, or waits for the thread computing {@code miss}; a follower whose leader was
	 * interrupted is not failed by another thread's interrupt, it tries again (and may lead).
	 */
	private @Nullable Object missSync(Miss miss) throws Throwable {
		while (true) {
			CompletableFuture<Object> mine = new CompletableFuture<>();
			CompletableFuture<Object> running = this.inFlight.putIfAbsent(miss.key(), mine);
			if (running == null) {
				return lead(miss, mine);
			}
			Object result = await(miss.spec().function(), running);
			if (result != LEADER_INTERRUPTED) {
				return result;
			}
		}
	}

	private @Nullable Object lead(Miss miss, CompletableFuture<Object> mine) throws Throwable {
		Object result;
		try {
			result = computeSync(miss);
		}
		catch (Throwable ex) {
			this.inFlight.remove(miss.key(), mine);
			mine.completeExceptionally(ex);
			throw ex;
		}
		this.inFlight.remove(miss.key(), mine);
		mine.complete(result);
		return result;
	}

	private @Nullable Object computeSync(Miss miss) throws Throwable {
		LockHandle handle;
		try {
			handle = this.locks.acquire(miss.key());
		}
		catch (InterruptedException ex) {
			throw interrupted(miss.spec().function(), ex);
		}
		CacheLocks.entered(handle);
		try {
			if (handle != null) {
				CallRecords.Hit hit = this.records.lookup(miss.spec().function(), miss.key(), miss.valueType());
				if (hit != null) {
					this.listeners.hit(miss.spec().function(), miss.key());
					return hit.value();
				}
			}
			long start = System.nanoTime();
			Object result = miss.invocation().proceed();
			long took = System.nanoTime() - start;
			this.listeners.miss(miss.spec().function(), took);
			this.records.store(miss.spec(), miss.key(), miss.arguments(), result, took);
			return result;
		}
		finally {
			CacheLocks.left(handle);
			CacheLocks.release(handle);
		}
	}

	/** The leader's result, its failure thrown, or {@link #LEADER_INTERRUPTED}. */
	private static @Nullable Object await(String function, CompletableFuture<Object> running) throws Throwable {
		try {
			return running.get();
		}
		catch (InterruptedException ex) {
			throw interrupted(function, ex);
		}
		catch (ExecutionException ex) {
			Throwable failure = ex.getCause();
			if (failure instanceof InterruptedException || failure instanceof FlecheException
					&& failure.getCause() instanceof InterruptedException) {
				return LEADER_INTERRUPTED;
			}
			throw failure;
		}
		catch (CancellationException ex) {
			throw new IllegalStateException("The computation this call waited for was cancelled", ex);
		}
	}

	/** An unchecked failure for an interrupted wait; the thread keeps its interrupt. */
	private static FlecheException interrupted(String function, InterruptedException ex) {
		Thread.currentThread().interrupt();
		return new FlecheException("Interrupted while waiting for the cached result of " + function, ex);
	}


	/**
	 * Builds a {@link CallCache}; each setting is checked when it is given.
	 */
	public static final class Builder {

		private final ValueStorage values;

		private final CallStorage calls;

		private @Nullable LockService locks;

		private @Nullable SizeLimiter sizeLimiter;

		private Clock clock = Clock.systemUTC();

		private Executor executor = ForkJoinPool.commonPool();

		private String host = HostName.local();

		private final java.util.List<CallCacheListener> listeners = new java.util.ArrayList<>();

		private Builder(ValueStorage values, CallStorage calls) {
			this.values = Objects.requireNonNull(values, "values");
			this.calls = Objects.requireNonNull(calls, "calls");
		}

		/** Computes each key once across the processes that share {@code locks}'s backend. */
		public Builder lockService(@Nullable LockService locks) {
			this.locks = locks;
			return this;
		}

		/**
		 * Where an asynchronous miss starts its function when it had to wait for its lock stripe
		 * (by default the common pool); without a wait it starts on the calling thread.
		 */
		public Builder asyncExecutor(Executor executor) {
			this.executor = Objects.requireNonNull(executor, "executor");
			return this;
		}

		/** The clock for the {@code createdAt} metadata and for expiry. */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		/** The host name stored in the metadata. */
		public Builder host(String host) {
			this.host = Objects.requireNonNull(host, "host");
			return this;
		}

		/**
		 * Keeps the store at or below a size limit: the limiter learns of every save and hit, and
		 * its collection of orphan values waits for saves in progress.
		 */
		public Builder sizeLimiter(@Nullable SizeLimiter sizeLimiter) {
			this.sizeLimiter = sizeLimiter;
			return this;
		}

		/** Adds a listener. */
		public Builder listener(CallCacheListener listener) {
			this.listeners.add(Objects.requireNonNull(listener, "listener"));
			return this;
		}

		/** The cache. */
		public CallCache build() {
			return new CallCache(this);
		}

	}

}
