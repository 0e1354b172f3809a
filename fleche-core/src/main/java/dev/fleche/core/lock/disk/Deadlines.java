package dev.fleche.core.lock.disk;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Waits bounded by a {@link System#nanoTime()} deadline, with an interrupt set aside rather than
 * failing the wait (the in-JVM queue handles interruption; it must never reach a kernel waiter).
 */
final class Deadlines {

	private Deadlines() {
	}

	/** Takes {@code lock} before {@code deadline}, an interrupt set aside; false if it passed first. */
	static boolean lock(ReentrantLock lock, long deadline) {
		boolean interrupted = false;
		try {
			while (true) {
				try {
					return lock.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
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

}
