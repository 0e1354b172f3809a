package dev.fleche.core.lock.postgres;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.spi.Grant;
import dev.fleche.core.lock.spi.Owner;

/**
 * A grant held by this process: a row of the key's queue owned by a lock session.
 * <p>
 * {@link #inDoubt()} completes when the lock session's connection fails; {@link #lost()} when the
 * grant is certainly gone: its lease ran out, it was released by tag, or its session was confirmed
 * ended (and its rows removed) after the failure.
 */
final class PostgresGrant implements Grant {

	private final KeyEngine engine;

	final long ticket;

	final int session;

	private final long token;

	private final LockMode mode;

	private final Owner owner;

	final Set<String> tags;

	/** Lease end in the server's epoch millis, 0 if none. */
	private volatile long leaseExpiresMillis;

	/** Lease end on this JVM's clock ({@link System#nanoTime()}); meaningful if there is a lease. */
	private volatile long leaseDeadlineNanos;

	/** Set when released or lost. */
	volatile boolean done;

	private final CompletableFuture<Grant> lost = new CompletableFuture<>();

	private final CompletableFuture<Grant> inDoubt = new CompletableFuture<>();

	PostgresGrant(KeyEngine engine, long ticket, int session, long token, LockMode mode, Owner owner, Set<String> tags,
			long leaseExpiresMillis, long serverNowMillis) {
		this.engine = engine;
		this.ticket = ticket;
		this.session = session;
		this.token = token;
		this.mode = mode;
		this.owner = owner;
		this.tags = tags;
		setLease(leaseExpiresMillis, serverNowMillis);
	}

	/** Sets the lease end, measured on the server, and its equivalent on this JVM's clock. */
	void setLease(long expiresMillis, long serverNowMillis) {
		this.leaseExpiresMillis = expiresMillis;
		this.leaseDeadlineNanos = System.nanoTime() + Duration.ofMillis(Math.max(0, expiresMillis - serverNowMillis)).toNanos();
	}

	boolean hasLease() {
		return this.leaseExpiresMillis != 0;
	}

	@Override
	public String key() {
		return this.engine.key();
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
		long expires = this.leaseExpiresMillis;
		return (expires != 0) ? Optional.of(Instant.ofEpochMilli(expires)) : Optional.empty();
	}

	@Override
	public boolean release() {
		return this.engine.release(this);
	}

	/**
	 * Moves the end of the lease to {@code lease} from now (a grant without one gets one).
	 * @return whether it is still held and now ends then
	 */
	@Override
	public boolean extend(Duration lease) {
		if (lease.isNegative() || lease.isZero()) {
			throw new IllegalArgumentException("A lease must be positive, got " + lease);
		}
		return this.engine.extend(this, lease);
	}

	@Override
	public boolean isHeld() {
		return !this.done && isHeldIgnoringDone();
	}

	/** Whether the lease, if any, has not run out on this JVM's clock. */
	boolean isHeldIgnoringDone() {
		return this.leaseExpiresMillis == 0 || System.nanoTime() - this.leaseDeadlineNanos < 0;
	}

	@Override
	public CompletableFuture<Grant> lost() {
		return this.lost;
	}

	/** Completes when the lock session's connection failed; the grant may still be held. */
	@Override
	public CompletableFuture<Grant> inDoubt() {
		return this.inDoubt;
	}

	void signalInDoubt() {
		this.inDoubt.complete(this);
	}

	void signalLost() {
		this.done = true;
		this.lost.complete(this);
	}

	@Override
	public String toString() {
		return "PostgresGrant[" + key() + " " + this.mode + " token " + this.token + " by " + this.owner + "]";
	}

}
