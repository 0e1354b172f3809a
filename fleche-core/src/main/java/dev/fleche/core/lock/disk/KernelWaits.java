package dev.fleche.core.lock.disk;

import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.CompletionHandler;
import java.nio.channels.FileLock;
import java.util.HashSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel waits of one key in this JVM: at most one per signal region, each blocking a
 * backend thread in a shared record lock on another process's wait or hold region until that
 * process unlocks it or dies. A wait that returns while the state still lists its entry as
 * holding that region means the owner is dead: the entry is removed. A wait the kernel refuses
 * as a (false, process-wide) deadlock is retried on this JVM's next change, or after a short
 * back-off.
 */
final class KernelWaits {

	private static final Logger logger = LoggerFactory.getLogger(KernelWaits.class);

	private static final long MAX_RETRY_MILLIS = 32;

	private final KeyEngine engine;

	private final KeyFile file;

	private final LockDirectory directory;

	private final CompletionHandler<FileLock, Wait> handler = new WakeHandler();

	/** Regions with a pending wait; guarded by the gate. */
	private final Set<Long> pending = new HashSet<>();

	/** Consecutive refused waits; guarded by the gate. */
	private int retries;

	KernelWaits(KeyEngine engine, KeyFile file, LockDirectory directory) {
		this.engine = engine;
		this.file = file;
		this.directory = directory;
	}

	/** Whether a wait is pending; called under the gate. */
	boolean isWaiting() {
		return !this.pending.isEmpty();
	}

	/** Waits for {@code region} of {@code ticket} unless a wait on it is pending; under the gate. */
	void await(long region, long ticket) {
		if (this.pending.add(region)) {
			try {
				this.file.lockAsync(region, new Wait(ticket, region), this.handler);
			}
			catch (RuntimeException ex) {
				this.pending.remove(region);
				if (!this.engine.isClosed()) {
					logger.warn("Could not wait on lock '{}'; retrying", this.engine.key(), ex);
					this.engine.pumpLater(MAX_RETRY_MILLIS);
				}
			}
		}
	}

	/** A wait returned: the region's owner unlocked it, or died. */
	private void woken(Wait wait, FileLock lock) {
		try {
			this.engine.section(tx -> {
				this.pending.remove(wait.region());
				this.retries = 0;
				QueueEntry entry = tx.state.find(wait.ticket());
				boolean waitRegion = wait.region() == KeyFile.waitRegion(wait.ticket());
				if (entry != null && !this.engine.isLocal(entry) && (!waitRegion || !entry.isHeld())) {
					tx.state.remove(wait.ticket());
				}
				tx.unlockLater(lock);
				return null;
			});
		}
		catch (RuntimeException ex) {
			if (!this.engine.isClosed()) {
				logger.warn("Could not handle a wake-up on lock '{}'", this.engine.key(), ex);
			}
		}
		finally {
			KeyFile.release(lock);
		}
	}

	private void failed(Wait wait, Throwable failure) {
		long delay;
		this.engine.gate().lock();
		try {
			this.pending.remove(wait.region());
			if (this.engine.isClosed() || failure instanceof AsynchronousCloseException
					|| failure instanceof ClosedChannelException) {
				return;
			}
			delay = Math.min(MAX_RETRY_MILLIS, 1L << Math.min(this.retries++, 5));
		}
		finally {
			this.engine.gate().unlock();
		}
		if (KeyFile.isFalseDeadlock(failure)) {
			this.directory.deadlocked(this.engine);
			logger.debug("The kernel reported a false deadlock waiting on lock '{}'; retrying in {} ms",
					this.engine.key(), delay);
		}
		else {
			logger.warn("Waiting on lock '{}' failed; retrying in {} ms", this.engine.key(), delay, failure);
		}
		this.engine.pumpLater(delay);
	}

	/** A pending wait: the region and the ticket whose region it is. */
	private record Wait(long ticket, long region) {
	}

	private final class WakeHandler implements CompletionHandler<FileLock, Wait> {

		@Override
		public void completed(FileLock lock, Wait wait) {
			woken(wait, lock);
		}

		@Override
		public void failed(Throwable failure, Wait wait) {
			KernelWaits.this.failed(wait, failure);
		}

	}

}
