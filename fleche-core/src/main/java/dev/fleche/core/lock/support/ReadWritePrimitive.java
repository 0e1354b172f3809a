package dev.fleche.core.lock.support;

import dev.fleche.core.lock.Acquirable;
import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.ReadWriteLock;
import dev.fleche.core.lock.spi.KeyQueue;

/**
 * A read/write lock: the read and write modes of one FIFO queue.
 */
final class ReadWritePrimitive implements ReadWriteLock {

	private final Acquirable read;

	private final Acquirable write;

	ReadWritePrimitive(KeyQueue queue, LockOptions options, Listeners listeners, ThreadHolds holds) {
		this.read = new ModeAcquirable(queue, LockMode.READ, options, listeners, holds);
		this.write = new ModeAcquirable(queue, LockMode.WRITE, options, listeners, holds);
	}

	@Override
	public String key() {
		return this.read.key();
	}

	@Override
	public Acquirable read() {
		return this.read;
	}

	@Override
	public Acquirable write() {
		return this.write;
	}

	@Override
	public String toString() {
		return "ReadWriteLock[" + key() + "]";
	}

}
