package dev.fleche.core.lock.postgres;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The daemon threads of one backend: workers for sections run after a notification or a timer,
 * one timer, and the factories of the session and watcher threads. Tasks given after shutdown are
 * dropped.
 */
final class BackendThreads {

	private static final AtomicInteger INSTANCES = new AtomicInteger();

	private final String prefix;

	private final ExecutorService workers;

	private final ScheduledExecutorService timer;

	BackendThreads() {
		this.prefix = "fleche-pg-lock-" + INSTANCES.incrementAndGet();
		this.workers = Executors.newCachedThreadPool(daemons("worker"));
		this.timer = Executors.newSingleThreadScheduledExecutor(daemons("timer"));
	}

	/** Daemon threads named after this backend and {@code role}. */
	ThreadFactory daemons(String role) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, this.prefix + "-" + role + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	void execute(Runnable task) {
		try {
			this.workers.execute(task);
		}
		catch (RejectedExecutionException ex) {
			// shut down
		}
	}

	void schedule(Runnable task, long delayMillis) {
		try {
			this.timer.schedule(() -> execute(task), delayMillis, TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// shut down
		}
	}

	void shutdown() {
		this.timer.shutdownNow();
		this.workers.shutdownNow();
	}

}
