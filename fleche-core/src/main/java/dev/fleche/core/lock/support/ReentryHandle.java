package dev.fleche.core.lock.support;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.fleche.core.lock.AlreadyReleasedException;
import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockMode;

/**
 * One hold of a re-entrant lock. Shares the grant, token and lease of its {@link ReentrantHandle}.
 */
final class ReentryHandle implements LockHandle {

	private static final VarHandle RELEASED;

	static {
		try {
			RELEASED = MethodHandles.lookup().findVarHandle(ReentryHandle.class, "released", boolean.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final ReentrantHandle grant;

	@SuppressWarnings("unused")
	private volatile boolean released;

	ReentryHandle(ReentrantHandle grant) {
		this.grant = grant;
	}

	/** The grant this is a hold of. */
	ReentrantHandle grant() {
		return this.grant;
	}

	@Override
	public String key() {
		return this.grant.key();
	}

	@Override
	public LockMode mode() {
		return this.grant.mode();
	}

	@Override
	public long token() {
		return this.grant.token();
	}

	@Override
	public boolean isHeld() {
		return !this.released && this.grant.isHeld();
	}

	@Override
	public boolean isLeaseLost() {
		return this.grant.isLeaseLost();
	}

	@Override
	public boolean isLeaseInDoubt() {
		return this.grant.isLeaseInDoubt();
	}

	@Override
	public CompletableFuture<LockHandle> leaseInDoubt() {
		return this.grant.leaseInDoubt().thenApply((doubt) -> this);
	}

	@Override
	public void extend(Duration lease) {
		if (this.released) {
			throw new AlreadyReleasedException(key(), "This hold of lock '" + key() + "' was released; it cannot be extended");
		}
		this.grant.extend(lease);
	}

	@Override
	public CompletableFuture<LockHandle> leaseLost() {
		return this.grant.leaseLost().thenApply((lost) -> this);
	}

	@Override
	public Optional<Instant> leaseExpiresAt() {
		return this.grant.leaseExpiresAt();
	}

	@Override
	public void release() {
		if (!RELEASED.compareAndSet(this, false, true)) {
			throw new AlreadyReleasedException(key(), "This hold of lock '" + key() + "' was released already");
		}
		this.grant.exit(this, false);
	}

	@Override
	public void close() {
		if (RELEASED.compareAndSet(this, false, true)) {
			this.grant.exit(this, true);
		}
	}

	@Override
	public String toString() {
		return "ReentryHandle[" + this.grant + "]";
	}

}
