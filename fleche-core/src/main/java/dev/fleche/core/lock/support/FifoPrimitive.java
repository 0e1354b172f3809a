package dev.fleche.core.lock.support;

import java.util.Objects;

import dev.fleche.core.lock.Acquirable;
import dev.fleche.core.lock.FifoLock;
import dev.fleche.core.lock.HeldModes;
import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.spi.KeyQueue;

/**
 * A FIFO lock: any mode, built in or user-defined, on one queue.
 */
final class FifoPrimitive implements FifoLock {

	private final KeyQueue queue;

	private final LockOptions options;

	private final Listeners listeners;

	private final ThreadHolds holds;

	FifoPrimitive(KeyQueue queue, LockOptions options, Listeners listeners, ThreadHolds holds) {
		this.queue = queue;
		this.options = options;
		this.listeners = listeners;
		this.holds = holds;
	}

	@Override
	public String key() {
		return this.queue.key();
	}

	@Override
	public Acquirable mode(LockMode mode) {
		return new ModeAcquirable(this.queue, Objects.requireNonNull(mode, "mode"), this.options, this.listeners, this.holds);
	}

	@Override
	public HeldModes held() {
		return this.queue.held();
	}

	@Override
	public int queueLength() {
		return this.queue.queueLength();
	}

	@Override
	public String toString() {
		return "FifoLock[" + key() + "]";
	}

}
