package dev.fleche.core.cache.eviction;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.fleche.core.cache.CallCacheListener;
import dev.fleche.core.call.Call;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.CorruptEntryException;
import dev.fleche.core.storage.KeyNotFoundException;
import dev.fleche.core.storage.ValueStorage;

/**
 * Keeps a store at or below a size limit. Give it to the {@link dev.fleche.core.cache.CallCache}
 * ({@code sizeLimiter(..)}): after each save it checks the size on its own worker thread, never the
 * caller's; past the limit it evicts calls in one batch, expired ones first and then least recently
 * used, down to {@value #LOW_WATER_PERCENT}% of the limit, and then collects the values no call
 * uses any more (mark and sweep). The last access of each call is recorded in memory on a hit, at
 * most once a minute per call, and written by the worker into the call record's metadata
 * ({@link LastAccess}), so recency survives a restart and is shared by the processes of one store;
 * a call never hit counts from its creation time. A hit never waits for eviction.
 * <p>
 * Collection is safe against a save in progress that reuses a value: saves hold the
 * {@link SaveGuard} from their first value to their call record, and orphans are chosen and
 * deleted under its exclusive side, after counting every save finished meanwhile. This holds for
 * the saves of this process; another process sharing the store may see a value it reuses
 * collected, which its next read turns into a miss.
 */
public final class SizeLimiter implements CallCacheListener, SaveGuard, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(SizeLimiter.class);

	/** Eviction goes down to this share of the limit, so it runs in batches, not per save. */
	public static final int LOW_WATER_PERCENT = 90;

	/**
	 * How often, at most, the store is measured again from scratch when it is over its limit, to
	 * count what other processes and direct evictions changed; in between, this process's own saves
	 * and evictions are counted as they happen.
	 */
	public static final Duration RESCAN_INTERVAL = Duration.ofMinutes(1);

	/** How often the last access of one call is recorded, at most. */
	public static final Duration ACCESS_RESOLUTION = Duration.ofMinutes(1);

	private final long limit;

	private final ValueStorage values;

	private final CallStorage calls;

	private final Clock clock;

	private final Ledger ledger;

	private final ReentrantReadWriteLock guard = new ReentrantReadWriteLock();

	private final ConcurrentLinkedQueue<Digest> saved = new ConcurrentLinkedQueue<>();

	private final ConcurrentHashMap<Digest, Long> accesses = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<Digest, Long> unwritten = new ConcurrentHashMap<>();

	private final AtomicBoolean scheduled = new AtomicBoolean();

	private final ExecutorService worker;

	private boolean scanned;

	private long scannedAt;

	private volatile long size = -1;

	/**
	 * @param values the value storage of the store
	 * @param calls the call storage of the store
	 * @param limitBytes the largest size, in bytes, of calls and values together
	 * @param clock the clock of last accesses and expiry
	 */
	public SizeLimiter(ValueStorage values, CallStorage calls, long limitBytes, Clock clock) {
		if (limitBytes <= 0) {
			throw new IllegalArgumentException("A size limit must be positive, not " + limitBytes + " bytes");
		}
		this.values = Objects.requireNonNull(values, "values");
		this.calls = Objects.requireNonNull(calls, "calls");
		this.limit = limitBytes;
		this.clock = Objects.requireNonNull(clock, "clock");
		this.ledger = new Ledger(values, calls);
		this.worker = Executors.newSingleThreadExecutor(runnable -> {
			Thread thread = new Thread(runnable, "fleche-size-limit");
			thread.setDaemon(true);
			return thread;
		});
	}

	/** The limit, in bytes. */
	public long limit() {
		return this.limit;
	}

	/** The size of the store as last measured, or {@code -1} before the first measure. */
	public long size() {
		return this.size;
	}

	@Override
	public Scope saving() {
		ReentrantReadWriteLock.ReadLock lock = this.guard.readLock();
		lock.lock();
		return lock::unlock;
	}

	/** A call was saved under {@code key}; checks the size on the worker thread. */
	public void saved(Digest key) {
		this.saved.add(key);
		schedule();
	}

	private void schedule() {
		if (this.scheduled.compareAndSet(false, true)) {
			this.worker.execute(() -> {
				this.scheduled.set(false);
				try {
					enforce();
				}
				catch (RuntimeException ex) {
					logger.warn("Size limit enforcement failed; trying again after the next save: {}", ex.getMessage(), ex);
				}
			});
		}
	}

	@Override
	public void hit(String function, Digest key) {
		long now = this.clock.millis();
		Long last = this.accesses.get(key);
		if (last == null || now - last >= ACCESS_RESOLUTION.toMillis()) {
			this.accesses.put(key, now);
			this.unwritten.put(key, now);
			schedule();
		}
	}

	/**
	 * Brings the store to or below its limit now, on the calling thread (the worker does this after
	 * saves).
	 * @return how many calls were evicted
	 */
	public synchronized int enforce() {
		if (!this.scanned) {
			rescan();
		}
		drain();
		writeAccesses();
		int evicted = 0;
		if (this.ledger.total() > this.limit) {
			if (this.clock.millis() - this.scannedAt >= RESCAN_INTERVAL.toMillis()) {
				rescan();
				drain();
			}
			evicted = evict();
			collect();
		}
		this.size = this.ledger.total();
		return evicted;
	}

	/**
	 * Deletes every value no call uses, now, on the calling thread.
	 * @return how many values were deleted
	 */
	public synchronized int collectOrphans() {
		rescan();
		int collected = collect();
		this.size = this.ledger.total();
		return collected;
	}

	private void rescan() {
		this.ledger.rescan();
		this.scanned = true;
		this.scannedAt = this.clock.millis();
	}

	/**
	 * Writes the last accesses recorded since the last run into the call records, so recency
	 * survives a restart and is shared with other processes; at most once a minute per call.
	 */
	private void writeAccesses() {
		for (Digest key : List.copyOf(this.unwritten.keySet())) {
			Long millis = this.unwritten.remove(key);
			if (millis == null) {
				continue;
			}
			try {
				Call call = this.calls.load(key.hex());
				if (LastAccess.of(call) < millis) {
					this.calls.save(LastAccess.recorded(call, millis));
					this.ledger.addCall(key);
				}
			}
			catch (KeyNotFoundException | CorruptEntryException ex) {
				// evicted meanwhile
			}
		}
	}

	private void drain() {
		Digest key;
		while ((key = this.saved.poll()) != null) {
			this.ledger.addCall(key);
		}
	}

	private int evict() {
		long target = this.limit * LOW_WATER_PERCENT / 100;
		long projected = this.ledger.total() - orphanBytes();
		long now = this.clock.millis();
		List<CallEntry> order = this.ledger.entries();
		order.sort(Comparator.comparing((CallEntry entry) -> entry.expiresAt() == null
				|| entry.expiresAt().toEpochMilli() > now).thenComparingLong(this::lastAccess));
		int evicted = 0;
		for (CallEntry entry : order) {
			if (projected <= target) {
				break;
			}
			projected -= this.ledger.freedBy(entry);
			this.calls.evict(entry.key().hex());
			this.ledger.removeCall(entry.key());
			this.accesses.remove(entry.key());
			evicted++;
		}
		if (evicted > 0) {
			logger.debug("Evicted {} calls to bring the store under {} bytes", evicted, this.limit);
		}
		return evicted;
	}

	private long orphanBytes() {
		long bytes = 0;
		for (Digest orphan : this.ledger.orphans()) {
			bytes += Math.max(0, this.values.storedSize(orphan));
		}
		return bytes;
	}

	private long lastAccess(CallEntry entry) {
		return Math.max(Math.max(entry.createdMillis(), entry.accessedMillis()),
				this.accesses.getOrDefault(entry.key(), 0L));
	}

	/** Chooses and deletes orphans while no save of this process is between its values and its call. */
	private int collect() {
		ReentrantReadWriteLock.WriteLock lock = this.guard.writeLock();
		lock.lock();
		try {
			drain();
			List<Digest> orphans = this.ledger.orphans();
			for (Digest orphan : orphans) {
				this.values.evict(orphan.hex());
				this.ledger.removeValue(orphan);
			}
			return orphans.size();
		}
		finally {
			lock.unlock();
		}
	}

	/** Waits for the worker to finish what it was given, for tests and shutdown. */
	public void awaitIdle(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.scheduled.get() || !this.saved.isEmpty()) {
			if (System.nanoTime() > deadline) {
				return;
			}
			Thread.sleep(1);
		}
		synchronized (this) {
			// the worker's enforce, if running, has finished
		}
	}

	@Override
	public void close() {
		this.worker.shutdown();
		try {
			this.worker.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
