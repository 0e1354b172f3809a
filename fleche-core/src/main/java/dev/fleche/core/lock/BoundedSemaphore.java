package dev.fleche.core.lock;

/**
 * A semaphore of a fixed number of permits, granted in FIFO order.
 */
public interface BoundedSemaphore extends Acquirable {

	/** The number of permits. */
	int permits();

	/** Permits not held now. */
	int available();

	/**
	 * Releases one held permit: the calling owner's if it holds one, otherwise the oldest grant.
	 * @throws IllegalReleaseException if no permit is held (a release above the bound)
	 */
	void release();

}
