package dev.fleche.core.lock.support;

import java.time.Clock;

import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.local.LocalLockBackend;
import dev.fleche.core.lock.spi.LockBackend;

/**
 * Factories for lock services.
 */
public final class LockServices {

	private LockServices() {
	}

	/** A service whose locks live in this JVM. */
	public static LockService local() {
		return create(new LocalLockBackend());
	}

	/** A service whose locks live in this JVM, with leases measured on {@code clock}. */
	public static LockService local(Clock clock) {
		return create(new LocalLockBackend(clock));
	}

	/** A service on {@code backend}; closing it closes the backend. */
	public static LockService create(LockBackend backend) {
		return new DefaultLockService(backend);
	}

}
