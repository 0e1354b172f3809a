package dev.fleche.core.lock.disk;

import java.nio.channels.FileLock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.spi.Grant;
import dev.fleche.core.lock.spi.Owner;

/**
 * A grant held by this JVM: its entry in the key's file and the hold region it keeps locked.
 */
final class DiskGrant implements Grant {

	private final KeyEngine engine;

	private final LockMode mode;

	private final Owner owner;

	private final long token;

	/** Written under the engine's gate. */
	private volatile long leaseExpiresMillis;

	private final Set<String> tags;

	private final Clock clock;

	final FileLock holdLock;

	private final CompletableFuture<Grant> lost = new CompletableFuture<>();

	/** Guarded by the engine's gate. */
	volatile boolean held = true;

	DiskGrant(KeyEngine engine, QueueEntry entry, LockMode mode, Owner owner, FileLock holdLock, Clock clock) {
		this.engine = engine;
		this.mode = mode;
		this.owner = owner;
		this.token = entry.ticket();
		this.leaseExpiresMillis = entry.leaseExpiresMillis();
		this.tags = entry.tags();
		this.holdLock = holdLock;
		this.clock = clock;
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
		return (this.leaseExpiresMillis != 0) ? Optional.of(Instant.ofEpochMilli(this.leaseExpiresMillis))
				: Optional.empty();
	}

	long leaseExpiresMillis() {
		return this.leaseExpiresMillis;
	}

	Set<String> tags() {
		return this.tags;
	}

	@Override
	public boolean release() {
		return this.engine.release(this);
	}

	/** Records a new end of the lease; called under the engine's gate. */
	void leaseUntil(long expiresMillis) {
		this.leaseExpiresMillis = expiresMillis;
	}

	@Override
	public boolean extend(Duration lease) {
		return this.engine.extend(this, lease);
	}

	@Override
	public boolean isHeld() {
		return this.engine.isHeld(this)
				&& (this.leaseExpiresMillis == 0 || this.clock.millis() < this.leaseExpiresMillis);
	}

	@Override
	public CompletableFuture<Grant> lost() {
		return this.lost;
	}

	/** Completes {@link #lost()}; called without the gate. */
	void signalLost() {
		this.lost.complete(this);
	}

	@Override
	public String toString() {
		return "DiskGrant[" + key() + " " + this.mode + " token " + this.token + " by " + this.owner + "]";
	}

}
