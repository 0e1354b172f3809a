package dev.fleche.core.cache;

import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.fleche.core.digest.Digest;
import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockService;

/**
 * The cross-process locks of a cache, striped over 4096 names so lock files stay bounded.
 * <p>
 * Stripes are shared by unrelated keys and the locks are not re-entrant, so a thread that already
 * holds a stripe never waits for another: a nested miss (a cached function calling a cached
 * function) only tries its stripe and, if it is taken, computes without it. Only the outermost
 * miss of a thread waits, so stripes can never deadlock, neither a thread with itself nor two
 * threads or processes whose nested misses cross each other's stripes. The price is that a nested
 * miss contended across processes may compute twice.
 */
final class CacheLocks {

	private static final Logger logger = LoggerFactory.getLogger(CacheLocks.class);

	private static final String PREFIX = "fleche.cache/";

	/** Hex characters of the key that name its lock: 4096 stripes. */
	private static final int STRIPE_CHARS = 3;

	/** How many stripes the current thread holds, over every cache. */
	private static final ThreadLocal<int[]> HELD = ThreadLocal.withInitial(() -> new int[1]);

	private final @Nullable LockService locks;

	CacheLocks(@Nullable LockService locks) {
		this.locks = locks;
	}

	/** The lock name of {@code key}. */
	static String name(Digest key) {
		return PREFIX + key.prefix(STRIPE_CHARS);
	}

	/**
	 * The stripe of {@code key}: waited for by a thread that holds none, only tried by one that
	 * holds one.
	 * @return the grant, or {@code null} without a lock service or when a nested try failed
	 */
	@Nullable LockHandle acquire(Digest key) throws InterruptedException {
		if (this.locks == null) {
			return null;
		}
		if (holdsAny()) {
			return tryNested(this.locks, key);
		}
		return this.locks.lock(name(key)).acquire();
	}

	/** Like {@link #acquire(Digest)} without blocking the caller. */
	CompletableFuture<@Nullable LockHandle> acquireAsync(Digest key) {
		if (this.locks == null) {
			return CompletableFuture.completedFuture(null);
		}
		if (holdsAny()) {
			return CompletableFuture.completedFuture(tryNested(this.locks, key));
		}
		return this.locks.lock(name(key)).acquireAsync().thenApply(handle -> handle);
	}

	/** Marks the current thread as holding {@code handle} (if any) until {@link #left}. */
	static void entered(@Nullable LockHandle handle) {
		if (handle != null) {
			HELD.get()[0]++;
		}
	}

	/** Ends what {@link #entered} began. */
	static void left(@Nullable LockHandle handle) {
		if (handle != null) {
			HELD.get()[0]--;
		}
	}

	/** Releases {@code handle}, if any. */
	static void release(@Nullable LockHandle handle) {
		if (handle != null) {
			handle.close();
		}
	}

	private static boolean holdsAny() {
		return HELD.get()[0] > 0;
	}

	private static @Nullable LockHandle tryNested(LockService locks, Digest key) {
		LockHandle handle = locks.lock(name(key)).tryAcquire().orElse(null);
		if (handle == null) {
			logger.debug("Nested miss of [{}] computes without its taken stripe {}", key.prefix(12), name(key));
		}
		return handle;
	}

}
