package dev.fleche.core.lock.support;

import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.spi.KeyQueue;

/**
 * A key acquired in one mode, with handles only: the sides of a read/write lock and the modes of
 * a FIFO lock.
 */
final class ModeAcquirable extends QueueAcquirable {

	ModeAcquirable(KeyQueue queue, LockMode mode, LockOptions options, Listeners listeners) {
		super(queue, mode, options, listeners);
	}

	@Override
	public String toString() {
		return "Acquirable[" + key() + " " + this.mode + "]";
	}

}
