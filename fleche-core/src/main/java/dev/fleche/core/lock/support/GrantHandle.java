package dev.fleche.core.lock.support;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.lock.IllegalReleaseException;
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

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			RELEASED = lookup.findVarHandle(GrantHandle.class, "released", boolean.class);
			LEASE_LOST = lookup.findVarHandle(GrantHandle.class, "leaseLost", CompletableFuture.class);
			CELL = lookup.findVarHandle(GrantHandle.class, "cell", SlotCell.class);
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
		return !this.released && !this.grant.isHeld();
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
			throw new IllegalReleaseException(key(), "Grant #" + token() + " of lock '" + key()
					+ "' was released already");
		}
		if (!releaseGrant()) {
			throw new IllegalReleaseException(key(), "Grant #" + token() + " of lock '" + key()
					+ "' lost its lease before release");
		}
	}

	@Override
	public void close() {
		if (RELEASED.compareAndSet(this, false, true)) {
			releaseGrant();
		}
	}

	/** Releases the backend grant and tells listeners; false if the lease was lost. */
	private boolean releaseGrant() {
		if (this.registry != null) {
			this.registry.remove(this);
		}
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
