package dev.fleche.core.lock.local;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
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

	private final LocalHolders holders = new LocalHolders();

	private final Set<String> tags = new TreeSet<>();

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
		AfterUnlock deferred = null;
		LocalGrant grant = null;
		this.lock.lock();
		try {
			deferred = expireLocked(null);
			if ((this.waiting.isEmpty() || !options.fair()) && compatible(mode, this.holders.modes())) {
				grant = grantLocked(mode, owner, options);
			}
		}
		finally {
			this.lock.unlock();
		}
		AfterUnlock.run(deferred);
		return grant;
	}

	@Override
	public CompletableFuture<Grant> enqueue(LockMode mode, Owner owner, LockOptions options) {
		LocalRequest request = new LocalRequest(this, mode, owner, options);
		AfterUnlock deferred;
		this.lock.lock();
		try {
			deferred = expireLocked(null);
			this.waiting.addLast(request);
			deferred = grantWaitersLocked(deferred);
		}
		finally {
			this.lock.unlock();
		}
		AfterUnlock.run(deferred);
		return request;
	}

	@Override
	public HeldModes held() {
		expireOverdue();
		this.lock.lock();
		try {
			return this.holders.modes();
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
			return new LockState(this.key, this.backend.name(), this.holders.snapshot(), queueLengthLocked(), this.lastToken,
					this.tags);
		}
		finally {
			this.lock.unlock();
		}
	}

	boolean release(LocalGrant grant) {
		AfterUnlock deferred;
		boolean released = false;
		this.lock.lock();
		try {
			deferred = expireLocked(null);
			if (grant.held()) {
				removeLocked(grant, false);
				deferred = grantWaitersLocked(deferred);
				released = true;
			}
		}
		finally {
			this.lock.unlock();
		}
		AfterUnlock.run(deferred);
		return released;
	}

	/** Moves the end of {@code grant}'s lease to {@code lease} from now, if it is still held. */
	boolean extend(LocalGrant grant, Duration lease) {
		AfterUnlock deferred;
		boolean extended = false;
		this.lock.lock();
		try {
			deferred = expireLocked(null);
			if (grant.held()) {
				this.holders.remove(grant);
				ScheduledFuture<?> pending = grant.expiry;
				if (pending != null) {
					pending.cancel(false);
					grant.expiry = null;
				}
				grant.leaseUntil(this.backend.clock().instant().plus(lease));
				this.holders.add(grant);
				grant.expiry = this.backend.scheduleExpiry(this, grant, lease);
				extended = true;
			}
		}
		finally {
			this.lock.unlock();
		}
		AfterUnlock.run(deferred);
		return extended;
	}

	/** Takes away grants carrying {@code tag}; returns how many. */
	int takeAwayTagged(String tag) {
		AfterUnlock deferred = null;
		int count = 0;
		this.lock.lock();
		try {
			for (LocalGrant grant : this.holders.tagged(tag)) {
				deferred = takeAwayLocked(grant, deferred);
				count++;
			}
			if (count > 0) {
				deferred = grantWaitersLocked(deferred);
			}
		}
		finally {
			this.lock.unlock();
		}
		AfterUnlock.run(deferred);
		return count;
	}

	/** Takes away grants whose lease ran out, and lets waiters through. */
	void expireOverdue() {
		AfterUnlock deferred;
		this.lock.lock();
		try {
			deferred = expireLocked(null);
		}
		finally {
			this.lock.unlock();
		}
		AfterUnlock.run(deferred);
	}

	/** Takes away every grant and fails every waiter: the backend is closing. */
	void closeAll() {
		AfterUnlock deferred = null;
		List<LocalRequest> failed;
		this.lock.lock();
		try {
			for (LocalGrant grant : this.holders.all()) {
				deferred = takeAwayLocked(grant, deferred);
			}
			failed = new ArrayList<>(this.waiting);
			this.waiting.clear();
		}
		finally {
			this.lock.unlock();
		}
		AfterUnlock.run(deferred);
		for (LocalRequest request : failed) {
			request.completeExceptionally(new LockException(this.key, "Lock backend closed while waiting for lock '"
					+ this.key + "'"));
		}
	}

	/** The scheduled lease check of {@code grant} ran. */
	void expiryDue(LocalGrant grant) {
		AfterUnlock deferred;
		this.lock.lock();
		try {
			grant.expiry = null;
			deferred = expireLocked(null);
		}
		finally {
			this.lock.unlock();
		}
		AfterUnlock.run(deferred);
	}

	void withdraw(LocalRequest request) {
		AfterUnlock deferred = null;
		this.lock.lock();
		try {
			if (this.waiting.remove(request)) {
				deferred = grantWaitersLocked(null);
			}
		}
		finally {
			this.lock.unlock();
		}
		AfterUnlock.run(deferred);
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

	private LocalGrant grantLocked(LockMode mode, Owner owner, LockOptions options) {
		long token = this.backend.nextToken();
		this.lastToken = token;
		Instant expires = null;
		long grantedAt;
		Duration lease = options.lease();
		if (lease != null) {
			Instant now = this.backend.clock().instant();
			expires = now.plus(lease);
			grantedAt = now.toEpochMilli();
		}
		else {
			grantedAt = this.backend.grantMillis();
		}
		if (!options.tags().isEmpty()) {
			this.tags.addAll(options.tags());
		}
		LocalGrant grant = new LocalGrant(this, mode, owner, options, token, grantedAt, expires);
		this.holders.add(grant);
		if (lease != null) {
			grant.expiry = this.backend.scheduleExpiry(this, grant, lease);
		}
		return grant;
	}

	private void removeLocked(LocalGrant grant, boolean takenAway) {
		this.holders.remove(grant);
		grant.end(takenAway);
	}

	private @Nullable AfterUnlock takeAwayLocked(LocalGrant grant, @Nullable AfterUnlock deferred) {
		removeLocked(grant, true);
		CompletableFuture<Grant> lost = grant.existingLostFuture();
		return (lost != null) ? AfterUnlock.add(deferred, () -> lost.complete(grant)) : deferred;
	}

	private @Nullable AfterUnlock expireLocked(@Nullable AfterUnlock deferred) {
		if (!this.holders.hasLeases()) {
			return deferred;
		}
		Instant now = this.backend.clock().instant();
		List<LocalGrant> overdue = this.holders.overdue(now);
		AfterUnlock result = deferred;
		for (LocalGrant grant : overdue) {
			result = takeAwayLocked(grant, result);
		}
		if (!overdue.isEmpty()) {
			return grantWaitersLocked(result);
		}
		for (LocalGrant grant : this.holders.unchecked()) {
			grant.expiry = this.backend.scheduleExpiry(this, grant, Duration.between(now, grant.expiresAt()));
		}
		return result;
	}

	private @Nullable AfterUnlock grantWaitersLocked(@Nullable AfterUnlock deferred) {
		AfterUnlock result = deferred;
		LocalRequest head;
		while ((head = this.waiting.peekFirst()) != null) {
			if (head.isDone()) {
				this.waiting.pollFirst();
				continue;
			}
			boolean compatible;
			try {
				compatible = compatible(head.mode, this.holders.modes());
			}
			catch (LockException ex) {
				this.waiting.pollFirst();
				LocalRequest failed = head;
				result = AfterUnlock.add(result, () -> failed.completeExceptionally(ex));
				continue;
			}
			if (!compatible) {
				break;
			}
			this.waiting.pollFirst();
			LocalGrant grant = grantLocked(head.mode, head.owner, head.options);
			LocalRequest granted = head;
			result = AfterUnlock.add(result, () -> {
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

}
