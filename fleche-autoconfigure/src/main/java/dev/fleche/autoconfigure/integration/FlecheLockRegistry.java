package dev.fleche.autoconfigure.integration;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.integration.support.locks.DistributedLock;
import org.springframework.integration.support.locks.RenewableLockRegistry;

import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.RLock;

/**
 * A Spring Integration {@link RenewableLockRegistry} over Fleche's {@link LockService}: code
 * written against {@code LockRegistry} ({@code obtain(key).lock()}, {@code tryLock(timeout)},
 * {@code executeLocked}) moves to Fleche's backends by swapping this bean in. Locks are re-entrant
 * for the thread that holds them, as Spring Integration's own registries are, and shared with
 * every process on the same backend. Each key is prefixed with the registry's region.
 */
public final class FlecheLockRegistry implements RenewableLockRegistry<DistributedLock> {

	private final LockService locks;

	private final String region;

	private final @Nullable Duration lease;

	/** The holds of the current thread, by full key, innermost last. */
	private final ThreadLocal<Map<String, Deque<LockHandle>>> holds = ThreadLocal.withInitial(HashMap::new);

	/**
	 * @param locks the lock service
	 * @param region prefix of every key, so registries with different regions never collide
	 * @param lease how long a grant lives if not released or renewed; {@code null} for no lease
	 */
	public FlecheLockRegistry(LockService locks, String region, @Nullable Duration lease) {
		this.locks = Objects.requireNonNull(locks, "locks");
		if (region.isBlank()) {
			throw new IllegalArgumentException("A lock registry region must not be blank");
		}
		if (lease != null && (lease.isNegative() || lease.isZero())) {
			throw new IllegalArgumentException("A lease must be positive, got " + lease);
		}
		this.region = region;
		this.lease = lease;
	}

	@Override
	public DistributedLock obtain(Object lockKey) {
		Objects.requireNonNull(lockKey, "lockKey");
		return new FlecheDistributedLock(this, this.region + ":" + lockKey);
	}

	/** Renews the current thread's hold of {@code lockKey} for the registry's lease. */
	@Override
	public void renewLock(Object lockKey) {
		if (this.lease == null) {
			throw new IllegalStateException("This registry has no lease to renew (fleche.integration.lock-registry.lease"
					+ " is unset); call renewLock(key, ttl)");
		}
		renewLock(lockKey, this.lease);
	}

	@Override
	public void renewLock(Object lockKey, Duration timeToLive) {
		String key = this.region + ":" + lockKey;
		Deque<LockHandle> held = this.holds.get().get(key);
		if (held == null || held.isEmpty()) {
			throw new IllegalStateException("The current thread does not hold the lock of '" + lockKey + "'");
		}
		held.peekFirst().extend(timeToLive);
	}

	RLock primitive(String key, @Nullable Duration leaseOverride) {
		Duration effective = (leaseOverride != null) ? leaseOverride : this.lease;
		return this.locks.rlock(key, LockOptions.defaults().withLease(effective));
	}

	void held(String key, LockHandle handle) {
		this.holds.get().computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(handle);
	}

	@Nullable LockHandle released(String key) {
		Map<String, Deque<LockHandle>> mine = this.holds.get();
		Deque<LockHandle> held = mine.get(key);
		if (held == null || held.isEmpty()) {
			return null;
		}
		LockHandle last = held.removeLast();
		if (held.isEmpty()) {
			mine.remove(key);
		}
		return last;
	}

	boolean isHeldByCurrentThread(String key) {
		Deque<LockHandle> held = this.holds.get().get(key);
		return held != null && !held.isEmpty();
	}

	@Override
	public String toString() {
		return "FlecheLockRegistry[" + this.region + " on " + this.locks.backendName() + "]";
	}

}
