package dev.fleche.core.lock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Daemon threads for lock tests, shut down after each test so none can outlive it.
 */
public final class LockTestThreads implements AutoCloseable {

	private final AtomicInteger count = new AtomicInteger();

	private final ExecutorService executor = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "lock-test-" + this.count.incrementAndGet());
		thread.setDaemon(true);
		return thread;
	});

	private final List<Future<?>> started = new ArrayList<>();

	/** Runs {@code task} on a new thread. */
	public <T> Future<T> submit(Callable<T> task) {
		Future<T> future = this.executor.submit(task);
		this.started.add(future);
		return future;
	}

	/** Runs {@code task} on a new thread. */
	public Future<?> run(ThrowingRunnable task) {
		return submit(() -> {
			task.run();
			return null;
		});
	}

	/** Waits for a task's result, at most 10 seconds. */
	public static <T> T result(Future<T> future) throws Exception {
		return future.get(10, TimeUnit.SECONDS);
	}

	@Override
	public void close() throws InterruptedException {
		this.executor.shutdownNow();
		this.executor.awaitTermination(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
	}

	/** A task that may throw. */
	@FunctionalInterface
	public interface ThrowingRunnable {

		void run() throws Exception;

	}

}
