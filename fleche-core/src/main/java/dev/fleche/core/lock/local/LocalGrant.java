package dev.fleche.core.lock.local;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.spi.Grant;
import dev.fleche.core.lock.spi.Owner;

/**
 * A grant of a {@link LocalKeyQueue}. Its state changes only under the queue's lock.
 */
final class LocalGrant implements Grant {

	private final LocalKeyQueue queue;

	private final LockMode mode;

	private final Owner owner;

	private final LockOptions options;

	private final long token;

	private final long grantedAtMillis;

	private volatile @Nullable Instant leaseExpiresAt;

	private volatile boolean held = true;

	private boolean lost;

	private @Nullable CompletableFuture<Grant> lostFuture;

	@Nullable ScheduledFuture<?> expiry;

	LocalGrant(LocalKeyQueue queue, LockMode mode, Owner owner, LockOptions options, long token,
			long grantedAtMillis, @Nullable Instant leaseExpiresAt) {
		this.queue = queue;
		this.mode = mode;
		this.owner = owner;
		this.options = options;
		this.token = token;
		this.grantedAtMillis = grantedAtMillis;
		this.leaseExpiresAt = leaseExpiresAt;
	}

	@Override
	public String key() {
		return this.queue.key();
	}

	@Override
	public LockMode mode() {
		return this.mode;
	}

	@Override
	public Owner owner() {
		return this.owner;
	}

	@Override
	public long token() {
		return this.token;
	}

	@Override
	public Optional<Instant> leaseExpiresAt() {
		return Optional.ofNullable(this.leaseExpiresAt);
	}

	@Override
	public boolean release() {
		return this.queue.release(this);
	}

	@Override
	public boolean extend(Duration lease) {
		return this.queue.extend(this, lease);
	}

	@Override
	public boolean isHeld() {
		if (this.held && this.leaseExpiresAt != null) {
			this.queue.expireOverdue();
		}
		return this.held;
	}

	@Override
	public CompletableFuture<Grant> lost() {
		return this.queue.lostFuture(this);
	}

	LockOptions options() {
		return this.options;
	}

	long grantedAtMillis() {
		return this.grantedAtMillis;
	}

	@Nullable Instant expiresAt() {
		return this.leaseExpiresAt;
	}

	/** Moves the lease's end; called under the queue's lock, with the holders told. */
	void leaseUntil(Instant expires) {
		this.leaseExpiresAt = expires;
	}

	boolean held() {
		return this.held;
	}

	/** Marks this grant released or lost; called under the queue's lock. */
	void end(boolean takenAway) {
		this.held = false;
		this.lost = takenAway;
		ScheduledFuture<?> pending = this.expiry;
		if (pending != null) {
			pending.cancel(false);
			this.expiry = null;
		}
	}

	/** The lost future, created on demand; called under the queue's lock. */
	CompletableFuture<Grant> lostFutureLocked() {
		CompletableFuture<Grant> future = this.lostFuture;
		if (future == null) {
			future = new CompletableFuture<>();
			this.lostFuture = future;
			if (this.lost) {
				future.complete(this);
			}
		}
		return future;
	}

	/** The lost future if anyone asked for it; called under the queue's lock. */
	@Nullable CompletableFuture<Grant> existingLostFuture() {
		return this.lostFuture;
	}

	@Override
	public String toString() {
		return "LocalGrant[" + key() + " " + this.mode + " #" + this.token + " by " + this.owner + "]";
	}

}
