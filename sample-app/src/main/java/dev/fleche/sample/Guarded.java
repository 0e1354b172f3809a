package dev.fleche.sample;

import java.time.Duration;
import java.util.function.Supplier;

import dev.fleche.core.lock.Acquirable;
import dev.fleche.core.lock.LockHandle;

/**
 * Runs work while holding a grant of a lock primitive, waiting at most a timeout for it.
 */
public final class Guarded {

	private Guarded() {
	}

	/**
	 * Acquires {@code lock}, runs {@code work} and releases the grant.
	 * @throws dev.fleche.core.lock.LockTimeoutException if the lock was not granted within {@code timeout}
	 */
	public static <T> T call(Acquirable lock, Duration timeout, Supplier<T> work) {
		try (LockHandle handle = lock.acquire(timeout)) {
			return work.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for lock '" + lock.key() + "'", ex);
		}
	}

}
