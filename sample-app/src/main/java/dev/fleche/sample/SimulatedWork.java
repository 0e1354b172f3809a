package dev.fleche.sample;

import java.time.Duration;

/**
 * Stands in for slow work: a long computation or a remote call.
 */
public final class SimulatedWork {

	private SimulatedWork() {
	}

	/** Sleeps for {@code delay}, keeping the thread's interrupt. */
	public static void take(Duration delay) {
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while simulating work", ex);
		}
	}

}
