package dev.fleche.core.lock.disk;

import java.nio.channels.FileLock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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

	private final LockDirectory directory;

	private final KeyFile file;

	private final ReentrantLock gate = new ReentrantLock();

	/** This JVM's requests waiting in the queue, by ticket; guarded by the gate. */
	final Map<Long, DiskRequest> waiting = new HashMap<>();

	/** This JVM's grants, by ticket; guarded by the gate. */
	final Map<Long, DiskGrant> grants = new HashMap<>();

	private final FifoWalk walk;

	private boolean closed;

	KeyEngine(LockDirectory directory, KeyFile file) {
		this.directory = directory;
		this.file = file;
		this.walk = new FifoWalk(this, file, directory);
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
	 * the state back if it changed, releases the locks, then runs the deferred actions.
	 */
	<T> T section(Function<StateTx, T> operation) {
		StateTx tx = null;
		T result;
		RuntimeException failure = null;
		boolean changed = false;
		this.gate.lock();
		try {
			if (this.closed) {
				throw new EvictedException();
			}
			FileLock stateLock = this.file.lockState();
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
		return section(tx -> {
			if (!this.walk.grantableNow(tx, mode)) {
				this.walk.removeDeadForeign(tx);
				if (!this.walk.grantableNow(tx, mode)) {
					return null;
				}
			}
			return this.walk.grantNew(tx, mode, owner, options);
		});
	}

	/** Queues a request; the future completes with its grant in FIFO order. */
	CompletableFuture<Grant> enqueue(LockMode mode, Owner owner, LockOptions options) {
		Object outcome = section(tx -> {
			if (this.walk.grantableNow(tx, mode)) {
				return this.walk.grantNew(tx, mode, owner, options);
			}
			long ticket = tx.state.nextTicket();
			FileLock waitLock = this.file.lockOwn(KeyFile.waitRegion(ticket));
			FileLock holdLock = this.file.lockOwn(KeyFile.holdRegion(ticket));
			tx.state.add(new QueueEntry(ticket, Owner.currentPid(), this.directory.session(), owner.threadId(),
					mode.name(), 0, 0, options.tags()));
			DiskRequest request = new DiskRequest(ticket, mode, owner, options, waitLock, holdLock);
			this.waiting.put(ticket, request);
			return request;
		});
		if (outcome instanceof Grant grant) {
			return CompletableFuture.completedFuture(grant);
		}
		DiskRequest request = (DiskRequest) outcome;
		request.future.whenComplete((grant, failure) -> {
			if (failure != null) {
				withdraw(request);
			}
		});
		return request.future;
	}

	/** Takes a cancelled or timed-out request out of the queue, letting those behind it through. */
	private void withdraw(DiskRequest request) {
		if (this.closed) {
			return;
		}
		section(tx -> {
			this.walk.withdraw(tx, request);
			return null;
		});
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
		catch (RuntimeException ex) {
			logger.warn("Could not release the locks of '{}' on close", key(), ex);
		}
		this.gate.lock();
		try {
			this.closed = true;
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
	 * do not keep descriptors open; a later use opens it again.
	 * @return whether it was closed
	 */
	boolean closeIfIdle() {
		if (!this.gate.tryLock()) {
			return false;
		}
		try {
			if (this.closed || !this.waiting.isEmpty() || !this.grants.isEmpty() || this.walk.waits().isWaiting()) {
				return false;
			}
			this.closed = true;
			this.file.close();
			return true;
		}
		finally {
			this.gate.unlock();
		}
	}

	ReentrantLock gate() {
		return this.gate;
	}

	/**
	 * Thrown when an engine was closed as idle, or with its directory, between its lookup and its
	 * use; the caller looks the key up again.
	 */
	static final class EvictedException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		EvictedException() {
			super("The key's file was closed", null, false, false);
		}

	}

}
