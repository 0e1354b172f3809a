package dev.fleche.core.lock.local;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.lock.HeldModes;
import dev.fleche.core.lock.LockException;
import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.LockState;
import dev.fleche.core.lock.spi.Grant;
import dev.fleche.core.lock.spi.KeyQueue;
import dev.fleche.core.lock.spi.Owner;

/**
 * The FIFO queue of one key in the JVM. State is guarded by a {@link ReentrantLock} that is never
 * held while anyone waits; futures are completed after it is released.
 */
final class LocalKeyQueue implements KeyQueue {

	private final String key;

	private final LocalLockBackend backend;

	private final ReentrantLock lock = new ReentrantLock();

	private final ArrayDeque<LocalRequest> waiting = new ArrayDeque<>();

	private final List<LocalGrant> holders = new ArrayList<>(2);

	private final Set<String> tags = new TreeSet<>();

	private @Nullable HeldModes heldModes = HeldModes.none();

	private int leasedHolders;

	private long lastToken;

	LocalKeyQueue(String key, LocalLockBackend backend) {
		this.key = key;
		this.backend = backend;
	}

	@Override
	public String key() {
		return this.key;
	}

	@Override
	public @Nullable Grant tryAcquire(LockMode mode, Owner owner, LockOptions options) {
		Deferred deferred = null;
		LocalGrant grant = null;
		this.lock.lock();
		try {
			deferred = expireLocked(null);
			if (this.waiting.isEmpty() && compatible(mode, heldLocked())) {
				grant = grantLocked(mode, owner, options);
			}
		}
		finally {
			this.lock.unlock();
		}
		Deferred.run(deferred);
		return grant;
	}

	@Override
	public CompletableFuture<Grant> enqueue(LockMode mode, Owner owner, LockOptions options) {
		LocalRequest request = new LocalRequest(this, mode, owner, options);
		Deferred deferred;
		this.lock.lock();
		try {
			deferred = expireLocked(null);
			this.waiting.addLast(request);
			deferred = grantWaitersLocked(deferred);
		}
		finally {
			this.lock.unlock();
		}
		Deferred.run(deferred);
		return request;
	}

	@Override
	public HeldModes held() {
		expireOverdue();
		this.lock.lock();
		try {
			return heldLocked();
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public int queueLength() {
		this.lock.lock();
		try {
			return queueLengthLocked();
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public LockState state() {
		expireOverdue();
		this.lock.lock();
		try {
			List<LockState.Holder> list = new ArrayList<>(this.holders.size());
			for (LocalGrant grant : this.holders) {
				Instant expires = grant.expiresAt();
				list.add(new LockState.Holder(grant.owner().toString(), grant.mode().name(), grant.token(),
						grant.grantedAtMillis(), (expires != null) ? expires.toEpochMilli() : 0));
			}
			return new LockState(this.key, this.backend.name(), list, queueLengthLocked(), this.lastToken,
					this.tags);
		}
		finally {
			this.lock.unlock();
		}
	}

	boolean release(LocalGrant grant) {
		Deferred deferred;
		this.lock.lock();
		try {
			deferred = expireLocked(null);
			if (!grant.held()) {
				Deferred.run(deferred);
				return false;
			}
			removeLocked(grant, false);
			deferred = grantWaitersLocked(deferred);
		}
		finally {
			this.lock.unlock();
		}
		Deferred.run(deferred);
		return true;
	}

	/** Takes away grants carrying {@code tag}; returns how many. */
	int takeAwayTagged(String tag) {
		Deferred deferred = null;
		int count = 0;
		this.lock.lock();
		try {
			for (LocalGrant grant : new ArrayList<>(this.holders)) {
				if (grant.options().tags().contains(tag)) {
					deferred = takeAwayLocked(grant, deferred);
					count++;
				}
			}
			if (count > 0) {
				deferred = grantWaitersLocked(deferred);
			}
		}
		finally {
			this.lock.unlock();
		}
		Deferred.run(deferred);
		return count;
	}

	/** Takes away grants whose lease ran out, and lets waiters through. */
	void expireOverdue() {
		Deferred deferred;
		this.lock.lock();
		try {
			deferred = expireLocked(null);
		}
		finally {
			this.lock.unlock();
		}
		Deferred.run(deferred);
	}

	/** Takes away every grant and fails every waiter: the backend is closing. */
	void closeAll() {
		Deferred deferred = null;
		List<LocalRequest> failed;
		this.lock.lock();
		try {
			for (LocalGrant grant : new ArrayList<>(this.holders)) {
				deferred = takeAwayLocked(grant, deferred);
			}
			failed = new ArrayList<>(this.waiting);
			this.waiting.clear();
		}
		finally {
			this.lock.unlock();
		}
		Deferred.run(deferred);
		for (LocalRequest request : failed) {
			request.completeExceptionally(new LockException(this.key, "Lock backend closed while waiting for lock '"
					+ this.key + "'"));
		}
	}

	/** The scheduled lease check of {@code grant} ran. */
	void expiryDue(LocalGrant grant) {
		Deferred deferred;
		this.lock.lock();
		try {
			grant.expiry = null;
			deferred = expireLocked(null);
		}
		finally {
			this.lock.unlock();
		}
		Deferred.run(deferred);
	}

	void withdraw(LocalRequest request) {
		Deferred deferred = null;
		this.lock.lock();
		try {
			if (this.waiting.remove(request)) {
				deferred = grantWaitersLocked(null);
			}
		}
		finally {
			this.lock.unlock();
		}
		Deferred.run(deferred);
	}

	CompletableFuture<Grant> lostFuture(LocalGrant grant) {
		this.lock.lock();
		try {
			return grant.lostFutureLocked();
		}
		finally {
			this.lock.unlock();
		}
	}

	private int queueLengthLocked() {
		int length = 0;
		for (LocalRequest request : this.waiting) {
			if (!request.isDone()) {
				length++;
			}
		}
		return length;
	}

	private HeldModes heldLocked() {
		HeldModes held = this.heldModes;
		if (held == null) {
			Map<String, Integer> counts = new HashMap<>();
			for (LocalGrant grant : this.holders) {
				counts.merge(grant.mode().name(), 1, Integer::sum);
			}
			held = HeldModes.of(counts);
			this.heldModes = held;
		}
		return held;
	}

	private LocalGrant grantLocked(LockMode mode, Owner owner, LockOptions options) {
		long token = this.backend.nextToken();
		this.lastToken = token;
		Instant expires = null;
		if (options.lease() != null) {
			expires = this.backend.clock().instant().plus(options.lease());
		}
		if (!options.tags().isEmpty()) {
			this.tags.addAll(options.tags());
		}
		LocalGrant grant = new LocalGrant(this, mode, owner, options, token, this.backend.clock().millis(), expires);
		this.holders.add(grant);
		this.heldModes = null;
		if (expires != null) {
			this.leasedHolders++;
			grant.expiry = this.backend.scheduleExpiry(this, grant, options.lease());
		}
		return grant;
	}

	private void removeLocked(LocalGrant grant, boolean takenAway) {
		this.holders.remove(grant);
		this.heldModes = this.holders.isEmpty() ? HeldModes.none() : null;
		if (grant.expiresAt() != null) {
			this.leasedHolders--;
		}
		grant.end(takenAway);
	}

	private Deferred takeAwayLocked(LocalGrant grant, @Nullable Deferred deferred) {
		removeLocked(grant, true);
		CompletableFuture<Grant> lost = grant.existingLostFuture();
		Deferred result = (deferred != null) ? deferred : new Deferred();
		if (lost != null) {
			result.add(() -> lost.complete(grant));
		}
		return result;
	}

	private @Nullable Deferred expireLocked(@Nullable Deferred deferred) {
		if (this.leasedHolders == 0) {
			return deferred;
		}
		Instant now = this.backend.clock().instant();
		Deferred result = deferred;
		boolean changed = false;
		for (LocalGrant grant : new ArrayList<>(this.holders)) {
			Instant expires = grant.expiresAt();
			if (expires != null && !now.isBefore(expires)) {
				result = takeAwayLocked(grant, result);
				changed = true;
			}
		}
		if (changed) {
			result = grantWaitersLocked(result);
		}
		else if (this.leasedHolders > 0) {
			rescheduleEarliestLocked(now);
		}
		return result;
	}

	/** Schedules a new check for leased grants whose check ran before the clock said they ended. */
	private void rescheduleEarliestLocked(Instant now) {
		for (LocalGrant grant : this.holders) {
			Instant expires = grant.expiresAt();
			if (expires != null && grant.expiry == null) {
				grant.expiry = this.backend.scheduleExpiry(this, grant, Duration.between(now, expires));
			}
		}
	}

	private @Nullable Deferred grantWaitersLocked(@Nullable Deferred deferred) {
		Deferred result = deferred;
		LocalRequest head;
		while ((head = this.waiting.peekFirst()) != null) {
			if (head.isDone()) {
				this.waiting.pollFirst();
				continue;
			}
			boolean compatible;
			try {
				compatible = compatible(head.mode, heldLocked());
			}
			catch (LockException ex) {
				this.waiting.pollFirst();
				if (result == null) {
					result = new Deferred();
				}
				LocalRequest failed = head;
				result.add(() -> failed.completeExceptionally(ex));
				continue;
			}
			if (!compatible) {
				break;
			}
			this.waiting.pollFirst();
			LocalGrant grant = grantLocked(head.mode, head.owner, head.options);
			LocalRequest granted = head;
			if (result == null) {
				result = new Deferred();
			}
			result.add(() -> {
				if (!granted.complete(grant)) {
					release(grant);
				}
			});
		}
		return result;
	}

	/** Asks a mode's rule; a rule that throws fails its own request, never the queue. */
	private boolean compatible(LockMode mode, HeldModes held) {
		try {
			return mode.isCompatible(held);
		}
		catch (RuntimeException ex) {
			throw new LockException(this.key, "Compatibility rule of mode '" + mode.name() + "' failed on lock '"
					+ this.key + "' with " + held + ": " + ex, ex);
		}
	}

	@Override
	public String toString() {
		return "LocalKeyQueue[" + this.key + "]";
	}

	/** Actions run after the queue's lock is released: completing futures. */
	private static final class Deferred extends ArrayList<Runnable> {

		private static final long serialVersionUID = 1L;

		static void run(@Nullable Deferred deferred) {
			if (deferred != null) {
				deferred.forEach(Runnable::run);
			}
		}

	}

}
