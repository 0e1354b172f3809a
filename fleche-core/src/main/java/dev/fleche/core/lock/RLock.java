package dev.fleche.core.lock;

/**
 * A re-entrant mutex: the owner (process and thread) that holds it may acquire it again; it is
 * freed when the owner has released as many times as it acquired.
 * <p>
 * Re-entry is keyed by the calling thread only for the synchronous forms ({@code acquire},
 * {@code tryAcquire}, {@link #release()}). A grant requested with {@code acquireAsync} belongs to
 * its handle, not to the thread that asked: a second {@code acquireAsync} from the same thread is a
 * second request that waits for the first grant's release, and neither {@link #holdCount()} nor
 * {@link #release()} sees it. To re-enter across threads or tasks, pass a held handle to
 * {@link #reenter(LockHandle)}.
 */
public interface RLock extends Lock {

	/** How many times the calling owner holds this lock; 0 if it does not. */
	int holdCount();

	/**
	 * One more hold on the grant {@code held} is a hold of, from any thread or task; the lock is
	 * freed when every hold is released.
	 * @param held a hold of this lock that is still held
	 * @return the new hold
	 * @throws NotOwnerException if {@code held} is not a hold of this lock
	 * @throws LeaseLostException if its grant is no longer held
	 */
	LockHandle reenter(LockHandle held);

}
