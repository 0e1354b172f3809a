package dev.fleche.core.lock.local;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.lock.LockState;
import dev.fleche.core.lock.spi.KeyQueue;
import dev.fleche.core.lock.spi.LockBackend;

/**
 * Locks that live in this JVM. Each key's queue is held weakly: it lives while a primitive, a
 * grant or a waiter references it, so idle keys cost no memory. Fencing tokens come from one
 * counter per backend and are never reused. Leases expire on a shared daemon scheduler and are
 * also checked on every access, against the injected clock. On the system clock a grant's "held
 * since" is read from a copy of the time refreshed every millisecond while grants are made.
 */
public final class LocalLockBackend implements LockBackend {

	private static final ScheduledExecutorService SHARED_SCHEDULER = createScheduler();

	private static final CoarseMillis SYSTEM_MILLIS = new CoarseMillis(SHARED_SCHEDULER);

	private final ConcurrentHashMap<String, QueueRef> queues = new ConcurrentHashMap<>();

	private final ReferenceQueue<LocalKeyQueue> collected = new ReferenceQueue<>();

	private final AtomicLong tokens = new AtomicLong();

	private final LocalAverages averages;

	private final Clock clock;

	private final ScheduledExecutorService scheduler;

	private final @Nullable CoarseMillis coarse;

	/** A backend on the system clock and the shared lease scheduler. */
	public LocalLockBackend() {
		this(Clock.systemUTC(), SHARED_SCHEDULER);
	}

	/**
	 * A backend on the given clock, which decides when leases end, and scheduler, which checks
	 * them when due.
	 */
	public LocalLockBackend(Clock clock, ScheduledExecutorService scheduler) {
		this.clock = Objects.requireNonNull(clock, "clock");
		this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
		this.averages = new LocalAverages(clock);
		this.coarse = (clock.equals(Clock.systemUTC()) || clock.equals(Clock.systemDefaultZone())) ? SYSTEM_MILLIS
				: null;
	}

	/** A backend on the given clock and the shared lease scheduler. */
	public LocalLockBackend(Clock clock) {
		this(clock, SHARED_SCHEDULER);
	}

	@Override
	public String name() {
		return "local";
	}

	@Override
	public KeyQueue queue(String key) {
		Objects.requireNonNull(key, "key");
		QueueRef ref = this.queues.get(key);
		LocalKeyQueue queue = (ref != null) ? ref.get() : null;
		if (queue != null) {
			return queue;
		}
		purgeCollected();
		LocalKeyQueue[] created = new LocalKeyQueue[1];
		this.queues.compute(key, (k, existing) -> {
			LocalKeyQueue live = (existing != null) ? existing.get() : null;
			if (live != null) {
				created[0] = live;
				return existing;
			}
			created[0] = new LocalKeyQueue(k, this);
			return new QueueRef(k, created[0], this.collected);
		});
		return created[0];
	}

	@Override
	public List<LockState> states() {
		purgeCollected();
		List<LockState> states = new ArrayList<>();
		for (QueueRef ref : this.queues.values()) {
			LocalKeyQueue queue = ref.get();
			if (queue != null) {
				states.add(queue.state());
			}
		}
		return states;
	}

	@Override
	public int releaseTagged(String tag) {
		int count = 0;
		for (QueueRef ref : this.queues.values()) {
			LocalKeyQueue queue = ref.get();
			if (queue != null) {
				count += queue.takeAwayTagged(tag);
			}
		}
		return count;
	}

	@Override
	public void averageAdd(String key, double value) {
		this.averages.add(key, value);
	}

	@Override
	public OptionalDouble averageGet(String key) {
		return this.averages.get(key);
	}

	@Override
	public OptionalDouble averagePop(String key) {
		return this.averages.pop(key);
	}

	/** Keys whose queue state is still in memory; idle keys drop out once collected. */
	public int liveKeys() {
		purgeCollected();
		int live = 0;
		for (QueueRef ref : this.queues.values()) {
			if (ref.get() != null) {
				live++;
			}
		}
		return live;
	}

	@Override
	public void close() {
		for (QueueRef ref : this.queues.values()) {
			LocalKeyQueue queue = ref.get();
			if (queue != null) {
				queue.closeAll();
			}
		}
		this.queues.clear();
	}

	Clock clock() {
		return this.clock;
	}

	/**
	 * When a grant is made, epoch millis: on the system clock a coarse copy refreshed every
	 * millisecond, on any other clock that clock.
	 */
	long grantMillis() {
		CoarseMillis millis = this.coarse;
		return (millis != null) ? millis.millis() : this.clock.millis();
	}

	long nextToken() {
		return this.tokens.incrementAndGet();
	}

	ScheduledFuture<?> scheduleExpiry(LocalKeyQueue queue, LocalGrant grant, Duration delay) {
		long nanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1), delay.toNanos());
		return this.scheduler.schedule(() -> queue.expiryDue(grant), nanos, TimeUnit.NANOSECONDS);
	}

	private void purgeCollected() {
		QueueRef ref;
		while ((ref = (QueueRef) this.collected.poll()) != null) {
			this.queues.remove(ref.key, ref);
		}
	}

	private static ScheduledExecutorService createScheduler() {
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "fleche-local-lease");
			thread.setDaemon(true);
			return thread;
		});
		executor.setRemoveOnCancelPolicy(true);
		return executor;
	}

	/** A weak reference to a key's queue that remembers the key. */
	private static final class QueueRef extends WeakReference<LocalKeyQueue> {

		final String key;

		QueueRef(String key, LocalKeyQueue queue, ReferenceQueue<LocalKeyQueue> collected) {
			super(queue, collected);
			this.key = key;
		}

	}

}
