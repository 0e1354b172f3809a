package dev.fleche.autoconfigure.integration;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;

import org.jspecify.annotations.Nullable;
import org.springframework.integration.support.locks.DistributedLock;

import dev.fleche.core.lock.LeaseLostException;
import dev.fleche.core.lock.LockHandle;

/**
 * One key of a {@link FlecheLockRegistry} as a {@link java.util.concurrent.locks.Lock}: a
 * re-entrant Fleche lock whose holds are tracked per thread, so {@link #unlock()} from a thread
 * that holds nothing is an {@link IllegalMonitorStateException}, as the {@code Lock} contract says.
 */
final class FlecheDistributedLock implements DistributedLock {

	private final FlecheLockRegistry registry;

	private final String key;

	FlecheDistributedLock(FlecheLockRegistry registry, String key) {
		this.registry = registry;
		this.key = key;
	}

	@Override
	public void lock() {
		lock((Duration) null);
	}

	@Override
	public void lock(@Nullable Duration ttl) {
		boolean interrupted = false;
		try {
			while (true) {
				try {
					this.registry.held(this.key, this.registry.primitive(this.key, ttl).acquire());
					return;
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public void lockInterruptibly() throws InterruptedException {
		this.registry.held(this.key, this.registry.primitive(this.key, null).acquire());
	}

	@Override
	public boolean tryLock() {
		return record(this.registry.primitive(this.key, null).tryAcquire());
	}

	@Override
	public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
		return tryLock(Duration.ofNanos(unit.toNanos(Math.max(0, time))), null);
	}

	@Override
	public boolean tryLock(Duration waitTime, @Nullable Duration ttl) throws InterruptedException {
		return record(this.registry.primitive(this.key, ttl).tryAcquire(waitTime.isNegative() ? Duration.ZERO : waitTime));
	}

	private boolean record(Optional<LockHandle> handle) {
		handle.ifPresent(held -> this.registry.held(this.key, held));
		return handle.isPresent();
	}

	/**
	 * Releases one hold of the current thread.
	 * @throws IllegalMonitorStateException if the current thread holds nothing
	 * @throws IllegalStateException if the grant's lease expired before the release
	 */
	@Override
	public void unlock() {
		LockHandle handle = this.registry.released(this.key);
		if (handle == null) {
			throw new IllegalMonitorStateException("The current thread does not hold the lock of '" + this.key + "'");
		}
		try {
			handle.release();
		}
		catch (LeaseLostException ex) {
			throw new IllegalStateException("The lock of '" + this.key + "' expired before it was unlocked", ex);
		}
	}

	/** Not supported, as in Spring Integration's distributed registries. */
	@Override
	public Condition newCondition() {
		throw new UnsupportedOperationException("Conditions are not supported by Fleche's lock registry");
	}

	/** Whether the current thread holds this lock. */
	boolean isHeldByCurrentThread() {
		return this.registry.isHeldByCurrentThread(this.key);
	}

	@Override
	public String toString() {
		return "FlecheDistributedLock[" + this.key + "]";
	}

}
