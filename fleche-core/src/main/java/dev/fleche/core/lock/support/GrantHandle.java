package dev.fleche.core.lock.support;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.lock.AlreadyReleasedException;
import dev.fleche.core.lock.LeaseLostException;
import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.spi.Grant;
import dev.fleche.core.lock.spi.Owner;

/**
 * A {@link LockHandle} over one backend {@link Grant}: releases once, tells its listeners. The
 * time of the grant is read only while listeners are registered, so a grant made before the
 * first listener reports a held time of 0.
 */
class GrantHandle implements LockHandle {

	private static final VarHandle RELEASED;

	private static final VarHandle LEASE_LOST;

	private static final VarHandle CELL;

	private static final VarHandle IN_DOUBT;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			RELEASED = lookup.findVarHandle(GrantHandle.class, "released", boolean.class);
			LEASE_LOST = lookup.findVarHandle(GrantHandle.class, "leaseLost", CompletableFuture.class);
			CELL = lookup.findVarHandle(GrantHandle.class, "cell", SlotCell.class);
			IN_DOUBT = lookup.findVarHandle(GrantHandle.class, "inDoubt", CompletableFuture.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final Grant grant;

	private final Listeners listeners;

	private final long grantedNanos;

	private final @Nullable HandleRegistry registry;

	private final @Nullable Slot slot;

	@SuppressWarnings("unused")
	private volatile boolean released;

	private volatile @Nullable CompletableFuture<LockHandle> leaseLost;

	private volatile @Nullable CompletableFuture<LockHandle> inDoubt;

	/** Set once a release or extension found the lease lost, so the handle keeps saying so. */
	private volatile boolean lostSeen;

	@SuppressWarnings("unused")
	private @Nullable SlotCell cell;

	/**
	 * @param grant the backend grant
	 * @param listeners told of release and loss
	 * @param registry where the handle is registered, if anywhere
	 * @param slot its slot in the registry
	 * @param losable whether the grant can be taken away (it has a lease or tags), so a registered
	 * handle must leave the registry when that happens
	 */
	GrantHandle(Grant grant, Listeners listeners, @Nullable HandleRegistry registry, @Nullable Slot slot,
			boolean losable) {
		this.grant = grant;
		this.listeners = listeners;
		this.registry = registry;
		this.slot = slot;
		this.grantedNanos = listeners.isEmpty() ? 0 : System.nanoTime();
		if (!listeners.isEmpty() || (registry != null && losable)) {
			leaseLost();
		}
		if (!listeners.isEmpty()) {
			leaseInDoubt();
		}
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

	/** The registry slot this handle is kept under, if any. */
	@Nullable Slot slot() {
		return this.slot;
	}

	/** The cell of an exclusive slot this handle was put in, if any. */
	@Nullable SlotCell cell() {
		return (SlotCell) CELL.getAcquire(this);
	}

	/** Records the cell of an exclusive slot this handle was put in. */
	void inCell(SlotCell target) {
		CELL.setRelease(this, target);
	}

	/** Who this was granted to. */
	Owner owner() {
		return this.grant.owner();
	}

	@Override
	public boolean isHeld() {
		return !this.released && this.grant.isHeld();
	}

	@Override
	public boolean isLeaseLost() {
		return this.lostSeen || (!this.released && !this.grant.isHeld());
	}

	@Override
	public boolean isLeaseInDoubt() {
		return leaseInDoubt().isDone();
	}

	@Override
	public CompletableFuture<LockHandle> leaseInDoubt() {
		CompletableFuture<LockHandle> future = this.inDoubt;
		if (future != null) {
			return future;
		}
		CompletableFuture<LockHandle> created = new CompletableFuture<>();
		if (!IN_DOUBT.compareAndSet(this, null, created)) {
			return this.inDoubt;
		}
		this.grant.inDoubt().thenRun(() -> {
			if (!this.released) {
				this.listeners.leaseInDoubt(key(), token());
				created.complete(this);
			}
		});
		return created;
	}

	@Override
	public void extend(Duration lease) {
		if (lease.isNegative() || lease.isZero()) {
			throw new IllegalArgumentException("A lease must be positive, got " + lease);
		}
		if (this.released) {
			throw new AlreadyReleasedException(key(), "Grant #" + token() + " of lock '" + key()
					+ "' was released; it cannot be extended");
		}
		if (!this.grant.extend(lease)) {
			this.lostSeen = true;
			throw new LeaseLostException(key(), "Grant #" + token() + " of lock '" + key()
					+ "' lost its lease before it was extended");
		}
	}

	@Override
	public CompletableFuture<LockHandle> leaseLost() {
		CompletableFuture<LockHandle> future = this.leaseLost;
		if (future != null) {
			return future;
		}
		CompletableFuture<LockHandle> created = new CompletableFuture<>();
		if (!LEASE_LOST.compareAndSet(this, null, created)) {
			return this.leaseLost;
		}
		this.grant.lost().thenRun(() -> {
			if (this.registry != null) {
				this.registry.remove(this);
			}
			this.listeners.leaseLost(key(), token());
			created.complete(this);
		});
		return created;
	}

	@Override
	public Optional<Instant> leaseExpiresAt() {
		return this.grant.leaseExpiresAt();
	}

	@Override
	public void release() {
		if (!RELEASED.compareAndSet(this, false, true)) {
			throw new AlreadyReleasedException(key(), "Grant #" + token() + " of lock '" + key()
					+ "' was released already");
		}
		if (!releaseGrant()) {
			this.lostSeen = true;
			throw new LeaseLostException(key(), "Grant #" + token() + " of lock '" + key()
					+ "' lost its lease before release");
		}
	}

	@Override
	public void close() {
		if (RELEASED.compareAndSet(this, false, true) && !releaseGrant()) {
			this.lostSeen = true;
		}
	}

	/** Called once when the handle is released or closed; subclasses forget it there. */
	void ended() {
	}

	/** Releases the backend grant and tells listeners; false if the lease was lost. */
	private boolean releaseGrant() {
		if (this.registry != null) {
			this.registry.remove(this);
		}
		ended();
		if (!this.grant.release()) {
			return false;
		}
		if (!this.listeners.isEmpty()) {
			this.listeners.released(key(), mode(), (this.grantedNanos != 0) ? System.nanoTime() - this.grantedNanos : 0);
		}
		return true;
	}

	@Override
	public String toString() {
		return "LockHandle[" + key() + " " + mode() + " #" + token() + " by " + owner() + "]";
	}

}
