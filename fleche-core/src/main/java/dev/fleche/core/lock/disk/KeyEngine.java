package dev.fleche.core.lock.disk;

import java.nio.channels.FileLock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.fleche.core.lock.HeldModes;
import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.LockState;
import dev.fleche.core.lock.spi.Grant;
import dev.fleche.core.lock.spi.Owner;

/**
 * The queue of one key in this JVM, over the key's file: every operation is one read-modify-write
 * of the persisted state under the in-JVM gate and the state lock, followed by the FIFO walk
 * ({@link FifoWalk}) that grants this JVM's requests whose turn it is and arms the waits for the
 * others.
 */
final class KeyEngine {

	private static final Logger logger = LoggerFactory.getLogger(KeyEngine.class);

	/** How long a caller with a deadline waits for the gate and the state lock before giving up. */
	static final long BUSY_BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

	/** One slice of a wait without a deadline, after which the gate is let go. */
	private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	private static final long SLICE_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

	private final LockDirectory directory;

	private final KeyFile file;

	private final ReentrantLock gate = new ReentrantLock();

	/** This JVM's requests waiting in the queue, by ticket; guarded by the gate. */
	final Map<Long, DiskRequest> waiting = new HashMap<>();

	/** This JVM's grants, by ticket; guarded by the gate. */
	final Map<Long, DiskGrant> grants = new HashMap<>();

	private final FifoWalk walk;

	private final KeyRequests requests;

	private boolean closed;

	KeyEngine(LockDirectory directory, KeyFile file) {
		this.directory = directory;
		this.file = file;
		this.walk = new FifoWalk(this, file, directory);
		this.requests = new KeyRequests(this, file, this.walk, directory);
	}

	String key() {
		return this.file.key();
	}

	LockDirectory directory() {
		return this.directory;
	}

	/** Whether {@code entry} was made by this JVM. */
	boolean isLocal(QueueEntry entry) {
		return entry.session() == this.directory.session() && entry.pid() == Owner.currentPid();
	}

	/**
	 * Runs {@code operation} in one read-modify-write of the state, then the FIFO walk; writes
	 * the state back if it changed, releases the locks, then runs the deferred actions. Waits as
	 * long as it takes for the state lock, in slices that let the gate go in between, so a foreign
	 * process holding the state never keeps this JVM's other callers from their deadlines.
	 */
	<T> T section(Function<StateTx, T> operation) {
		while (true) {
			try {
				return attempt(operation, SLICE_NANOS);
			}
			catch (StateBusyException ex) {
				LockSupport.parkNanos(SLICE_PAUSE_NANOS);
			}
		}
	}

	/**
	 * Like {@link #section}, but gives up if the gate and the state lock cannot be had within
	 * {@code budgetNanos}; then nothing ran and nothing changed.
	 * @throws StateBusyException if the budget passed first
	 */
	<T> T attempt(Function<StateTx, T> operation, long budgetNanos) {
		long deadline = System.nanoTime() + budgetNanos;
		StateTx tx = null;
		T result;
		RuntimeException failure = null;
		boolean changed = false;
		if (!Deadlines.lock(this.gate, deadline)) {
			throw StateBusyException.INSTANCE;
		}
		try {
			if (this.closed) {
				throw new EvictedException();
			}
			FileLock stateLock = this.file.lockState(deadline);
			if (stateLock == null) {
				throw StateBusyException.INSTANCE;
			}
			if (this.waiting.isEmpty() && this.grants.isEmpty() && this.file.isStale()) {
				// reclaimed by another process (or removed): open the path again; a pending kernel
				// wait on the old file ends with its channel
				this.file.finishReclaim();
				KeyFile.release(stateLock);
				this.closed = true;
				this.file.close();
				this.directory.forget(key(), this);
				throw new EvictedException();
			}
			try {
				tx = new StateTx(this.file.codec().read(), this.directory.clock().millis());
				this.walk.cleanUp(tx);
				try {
					result = operation.apply(tx);
				}
				catch (RuntimeException ex) {
					failure = ex;
					result = null;
				}
				this.walk.run(tx);
				if (tx.state.dirty) {
					this.file.codec().write(tx.state);
					changed = true;
				}
			}
			finally {
				KeyFile.release(stateLock);
				if (tx != null) {
					tx.runUnlocks();
				}
			}
		}
		finally {
			this.gate.unlock();
		}
		if (changed) {
			this.directory.changed();
		}
		tx.runAfter();
		if (failure != null) {
			throw failure;
		}
		return result;
	}

	/** Re-reads the state and runs the walk: after a wake-up or a timer. */
	void pump() {
		try {
			section(tx -> null);
		}
		catch (RuntimeException ex) {
			if (!this.closed) {
				logger.warn("Could not re-examine the queue of lock '{}'", key(), ex);
			}
		}
	}

	/** Grants at once if nobody waits and {@code mode} is compatible; never waits. */
	@Nullable Grant tryAcquire(LockMode mode, Owner owner, LockOptions options) {
		try {
			return attempt(tx -> {
				if (!this.walk.grantableNow(tx, mode)) {
					this.walk.removeDeadForeign(tx);
					if (!this.walk.grantableNow(tx, mode)) {
						return null;
					}
				}
				return this.walk.grantNew(tx, mode, owner, options);
			}, BUSY_BUDGET_NANOS);
		}
		catch (StateBusyException ex) {
			// another process keeps the state locked: not grantable now
			return null;
		}
	}

	/**
	 * Queues a request; the future completes with its grant in FIFO order ({@link KeyRequests}).
	 */
	CompletableFuture<Grant> enqueue(LockMode mode, Owner owner, LockOptions options) {
		return this.requests.enqueue(mode, owner, options);
	}

	boolean release(DiskGrant grant) {
		if (!grant.held) {
			return false;
		}
		return section(tx -> {
			if (!grant.held) {
				return false;
			}
			boolean present = tx.state.remove(grant.token());
			this.walk.drop(tx, grant);
			if (!present) {
				tx.after(grant::signalLost);
			}
			return present;
		});
	}

	/** Moves the end of {@code grant}'s lease to {@code lease} from now, if it is still held. */
	boolean extend(DiskGrant grant, Duration lease) {
		if (!grant.held) {
			return false;
		}
		return section(tx -> {
			QueueEntry entry = tx.state.find(grant.token());
			if (!grant.held || entry == null || !entry.isHeld()) {
				return false;
			}
			long expires = tx.now + Math.max(1, lease.toMillis());
			tx.state.replace(new QueueEntry(entry.ticket(), entry.pid(), entry.session(), entry.threadId(), entry.mode(),
					entry.grantedAtMillis(), expires, entry.tags()));
			grant.leaseUntil(expires);
			pumpLater(expires - tx.now + 1);
			return true;
		});
	}

	boolean isHeld(DiskGrant grant) {
		return grant.held;
	}

	int releaseTagged(String tag) {
		return section(tx -> {
			int count = 0;
			for (DiskGrant grant : new ArrayList<>(this.grants.values())) {
				if (grant.tags().contains(tag)) {
					tx.state.remove(grant.token());
					this.walk.lose(tx, grant);
					count++;
				}
			}
			return count;
		});
	}

	HeldModes held() {
		return section(tx -> {
			this.walk.removeDeadForeign(tx);
			return tx.state.held();
		});
	}

	int queueLength() {
		return section(tx -> {
			this.walk.removeDeadForeign(tx);
			return tx.state.waitingCount();
		});
	}

	LockState state() {
		return section(tx -> {
			this.walk.removeDeadForeign(tx);
			return tx.state.snapshot(key());
		});
	}

	/** Schedules a {@link #pump()} after {@code delayMillis}. */
	void pumpLater(long delayMillis) {
		if (!this.closed) {
			this.directory.timer().schedule(this::pump, Math.max(delayMillis, 0), TimeUnit.MILLISECONDS);
		}
	}

	boolean isClosed() {
		return this.closed;
	}

	/** Withdraws this JVM's requests, releases its grants and closes the file. */
	void close() {
		if (this.closed) {
			return;
		}
		List<DiskRequest> failed = new ArrayList<>();
		try {
			section(tx -> {
				failed.addAll(this.waiting.values());
				for (DiskRequest request : failed) {
					this.walk.withdraw(tx, request);
				}
				for (DiskGrant grant : new ArrayList<>(this.grants.values())) {
					tx.state.remove(grant.token());
					this.walk.drop(tx, grant);
				}
				return null;
			});
		}
		catch (EvictedException ex) {
			// its file was reclaimed by another process: nothing of this JVM is in it
		}
		catch (RuntimeException ex) {
			logger.warn("Could not release the locks of '{}' on close", key(), ex);
		}
		this.gate.lock();
		try {
			if (this.closed) {
				return;
			}
			this.closed = true;
			if (isIdleHere()) {
				this.file.reclaim(this.directory::raiseTicketFloor);
			}
			this.file.close();
		}
		finally {
			this.gate.unlock();
		}
		for (DiskRequest request : failed) {
			request.future.completeExceptionally(
					new DiskLockException(key(), this.file.path(), "The disk lock backend was closed"));
		}
	}

	/**
	 * Closes the file if this JVM neither waits on, holds, nor watches the key, so that idle keys
	 * do not keep descriptors open, and deletes it if no process has a request on it
	 * ({@link KeyFile#reclaim}), so idle keys take no disk; a later use opens (creates) it again.
	 * @return whether it was closed
	 */
	boolean closeIfIdle() {
		if (!this.gate.tryLock()) {
			return false;
		}
		try {
			if (this.closed || !isIdleHere()) {
				return false;
			}
			this.closed = true;
			this.file.reclaim(this.directory::raiseTicketFloor);
			this.file.close();
			return true;
		}
		finally {
			this.gate.unlock();
		}
	}

	/** Whether this JVM neither waits on, holds, nor watches the key; under the gate. */
	private boolean isIdleHere() {
		return this.waiting.isEmpty() && this.grants.isEmpty() && !this.walk.waits().isWaiting();
	}

	KeyRequests requests() {
		return this.requests;
	}

	ReentrantLock gate() {
		return this.gate;
	}

}
