package dev.fleche.core.lock.spi;

/**
 * Who holds a grant: a process and a thread in it.
 *
 * @param pid the process id
 * @param threadId the thread id within the process
 */
public record Owner(long pid, long threadId) {

	private static final long PID = ProcessHandle.current().pid();

	/** The calling thread of this process. */
	public static Owner current() {
		return new Owner(PID, Thread.currentThread().getId());
	}

	/** This process's id. */
	public static long currentPid() {
		return PID;
	}

	@Override
	public String toString() {
		return this.pid + "/" + this.threadId;
	}

}
