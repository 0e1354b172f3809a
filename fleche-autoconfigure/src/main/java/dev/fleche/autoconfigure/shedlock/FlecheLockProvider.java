package dev.fleche.autoconfigure.shedlock;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import net.javacrumbs.shedlock.core.AbstractSimpleLock;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.ExtensibleLockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.SimpleLock;

import dev.fleche.core.lock.LeaseLostException;
import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.LockService;

/**
 * A ShedLock {@link net.javacrumbs.shedlock.core.LockProvider} over Fleche's {@link LockService},
 * so {@code @SchedulerLock} jobs run once per tick across the processes sharing a backend. Each
 * lock is a Fleche mutex on {@code <prefix>:<name>}, tried without waiting;
 * {@code lockAtMostFor} is the grant's lease. On unlock before {@code lockAtLeastFor} has passed,
 * the grant is kept with its lease moved to the end of {@code lockAtLeastFor}, so no other
 * process takes it sooner. (On the local and disk backends a process that exits frees its grants
 * at once, {@code lockAtLeastFor} included.)
 */
public final class FlecheLockProvider implements ExtensibleLockProvider {

	private final LockService locks;

	private final String prefix;

	public FlecheLockProvider(LockService locks, String prefix) {
		this.locks = Objects.requireNonNull(locks, "locks");
		if (prefix.isBlank()) {
			throw new IllegalArgumentException("A ShedLock key prefix must not be blank");
		}
		this.prefix = prefix;
	}

	@Override
	public Optional<SimpleLock> lock(LockConfiguration configuration) {
		Duration lease = leaseUntil(configuration.getLockAtMostUntil());
		if (lease == null) {
			return Optional.empty();
		}
		return this.locks.lock(this.prefix + ":" + configuration.getName(), LockOptions.defaults().withLease(lease))
			.tryAcquire()
			.map(handle -> new FlecheSimpleLock(configuration, handle));
	}

	/** The lease from now until {@code until}, or null if that is already past. */
	private static Duration leaseUntil(Instant until) {
		Duration lease = Duration.between(ClockProvider.now(), until);
		return (lease.isNegative() || lease.isZero()) ? null : lease;
	}

	private static final class FlecheSimpleLock extends AbstractSimpleLock {

		private final LockHandle handle;

		FlecheSimpleLock(LockConfiguration configuration, LockHandle handle) {
			super(configuration);
			this.handle = handle;
		}

		@Override
		protected void doUnlock() {
			Duration keep = leaseUntil(this.lockConfiguration.getLockAtLeastUntil());
			try {
				if (keep != null) {
					this.handle.extend(keep);
				}
				else {
					this.handle.release();
				}
			}
			catch (LeaseLostException ex) {
				// lockAtMostFor passed while the task ran: the lock is free already, as ShedLock expects
			}
		}

		@Override
		protected Optional<SimpleLock> doExtend(LockConfiguration configuration) {
			Duration lease = leaseUntil(configuration.getLockAtMostUntil());
			if (lease == null || !this.handle.isHeld()) {
				return Optional.empty();
			}
			try {
				this.handle.extend(lease);
			}
			catch (LeaseLostException ex) {
				return Optional.empty();
			}
			return Optional.of(new FlecheSimpleLock(configuration, this.handle));
		}

	}

}
