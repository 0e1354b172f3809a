package dev.fleche.core.lock.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.spi.Grant;
import dev.fleche.core.lock.spi.Owner;

/**
 * A grant held on the Redis server under its request id. Without an explicit lease it is kept
 * alive by the backend's watchdog; with one it ends at the lease unless extended.
 */
final class RedisGrant implements Grant {

	private static final int HELD = 0;

	private static final int RELEASED = 1;

	private static final int LOST = 2;

	private final RedisKeyQueue queue;

	final String id;

	private final LockMode mode;

	private final Owner owner;

	private final long token;

	private volatile @Nullable Instant leaseExpiresAt;

	private final AtomicInteger state = new AtomicInteger(HELD);

	private final CompletableFuture<Grant> lost = new CompletableFuture<>();

	private final CompletableFuture<Grant> inDoubt = new CompletableFuture<>();

	RedisGrant(RedisKeyQueue queue, String id, LockMode mode, Owner owner, long token, @Nullable Instant leaseExpiresAt) {
		this.queue = queue;
		this.id = id;
		this.mode = mode;
		this.owner = owner;
		this.token = token;
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

	/** Whether the grant has an explicit lease, which the watchdog does not renew. */
	boolean leased() {
		return this.leaseExpiresAt != null;
	}

	@Override
	public boolean release() {
		if (this.state.get() != HELD) {
			return false;
		}
		if (this.queue.release(this)) {
			if (this.state.compareAndSet(HELD, RELEASED)) {
				this.queue.backend().forget(this.id, this);
			}
			return true;
		}
		markLost();
		return false;
	}

	@Override
	public boolean isHeld() {
		if (this.state.get() != HELD) {
			return false;
		}
		Instant expires = this.leaseExpiresAt;
		if (expires != null && !Instant.now().isBefore(expires)) {
			this.queue.backend().checks().check(this);
		}
		return this.state.get() == HELD;
	}

	@Override
	public CompletableFuture<Grant> lost() {
		return this.lost;
	}

	/**
	 * Moves the end of this grant's lease to {@code lease} from now.
	 * @return whether the grant is still held and now ends then
	 */
	@Override
	public boolean extend(Duration lease) {
		if (lease.isNegative() || lease.isZero()) {
			throw new IllegalArgumentException("A lease must be positive, got " + lease);
		}
		if (this.state.get() != HELD) {
			return false;
		}
		Reply reply = this.queue.extend(this, lease);
		if (reply.kind != Reply.GRANTED) {
			markLost();
			return false;
		}
		this.leaseExpiresAt = Instant.ofEpochMilli(reply.expiresAtMillis());
		this.queue.backend().checks().scheduleLeaseCheck(this, lease);
		return true;
	}

	/** Completes when the connection to Redis failed while this grant was held. */
	@Override
	public CompletableFuture<Grant> inDoubt() {
		return this.inDoubt;
	}

	/** The server no longer has this grant: its lease ran out, it was taken by tag, or the server lost it. */
	void markLost() {
		if (this.state.compareAndSet(HELD, LOST)) {
			this.queue.backend().forget(this.id, this);
			this.lost.complete(this);
		}
	}

	/** The connection failed: the grant may be lost. */
	void markInDoubt() {
		if (this.state.get() == HELD) {
			this.inDoubt.complete(this);
		}
	}

	boolean held() {
		return this.state.get() == HELD;
	}

	RedisKeyQueue queue() {
		return this.queue;
	}

	@Override
	public String toString() {
		return "RedisGrant[" + key() + " " + this.mode + " #" + this.token + " by " + this.owner + "]";
	}

}
