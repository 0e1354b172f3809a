package dev.fleche.core.lock.local;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The system time in milliseconds, read from a field a scheduler refreshes every millisecond
 * while anyone reads it: a grant's "held since" then costs a field read instead of a clock read.
 * The ticking stops after a tick with no reader, and the next reader reads the clock itself and
 * starts it again, so an idle JVM is never woken. A value is at most about one tick old.
 */
final class CoarseMillis {

	private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	private final ScheduledExecutorService scheduler;

	private final AtomicBoolean ticking = new AtomicBoolean();

	private volatile long now;

	private volatile boolean read;

	CoarseMillis(ScheduledExecutorService scheduler) {
		this.scheduler = scheduler;
	}

	/** The current time, epoch millis, to within about one tick. */
	long millis() {
		if (!this.ticking.get()) {
			return start();
		}
		if (!this.read) {
			this.read = true;
		}
		return this.now;
	}

	/** Whether the refreshing runs now. */
	boolean ticking() {
		return this.ticking.get();
	}

	private long start() {
		long time = System.currentTimeMillis();
		this.now = time;
		this.read = true;
		if (this.ticking.compareAndSet(false, true)) {
			try {
				this.scheduler.schedule(this::tick, TICK_NANOS, TimeUnit.NANOSECONDS);
			}
			catch (RejectedExecutionException ex) {
				this.ticking.set(false);
			}
		}
		return time;
	}

	private void tick() {
		this.now = System.currentTimeMillis();
		if (this.read) {
			this.read = false;
			try {
				this.scheduler.schedule(this::tick, TICK_NANOS, TimeUnit.NANOSECONDS);
			}
			catch (RejectedExecutionException ex) {
				this.ticking.set(false);
			}
		}
		else {
			this.ticking.set(false);
		}
	}

}
