package dev.fleche.core.lock.disk;

import java.nio.channels.FileLock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import dev.fleche.core.lock.HeldModes;
import dev.fleche.core.lock.LockException;
import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.spi.Owner;

/**
 * The scheduling of one key's queue in this JVM, run inside every state read-modify-write.
 * <p>
 * It evicts expired leases and entries of dead owners, grants this JVM's requests whose turn it
 * is (every earlier request granted, mode compatible with the held modes), and arms exactly the
 * wake-ups the first blocked local request needs: a shared kernel lock on the wait region of the
 * last foreign request before it (unlocked when that request is granted or withdrawn, or when its
 * process dies), or on the hold regions of the foreign holders whose release would let it in
 * (unlocked on release or death), plus a timer at the earliest lease expiry among the holders.
 * A wait that returns while the state still lists its entry means the entry's process is dead:
 * the entry is removed.
 */
final class FifoWalk {

	private final KeyEngine engine;

	private final KeyFile file;

	private final LockDirectory directory;

	private final KernelWaits waits;

	/** Earliest pending timer wake-up (epoch millis); guarded by the gate. */
	private long wakeAtMillis = Long.MAX_VALUE;

	FifoWalk(KeyEngine engine, KeyFile file, LockDirectory directory) {
		this.engine = engine;
		this.file = file;
		this.directory = directory;
		this.waits = new KernelWaits(engine, file, directory);
	}

	/** The kernel waits armed for this key. */
	KernelWaits waits() {
		return this.waits;
	}

	/** Removes stale and expired entries; tells local grants that were taken away. */
	void cleanUp(StateTx tx) {
		if (this.wakeAtMillis <= tx.now) {
			this.wakeAtMillis = Long.MAX_VALUE;
		}
		Iterator<QueueEntry> entries = tx.state.entries.iterator();
		while (entries.hasNext()) {
			QueueEntry entry = entries.next();
			boolean local = this.engine.isLocal(entry);
			boolean stale = local && !this.engine.waiting.containsKey(entry.ticket())
					&& !this.engine.grants.containsKey(entry.ticket());
			if (stale || entry.isExpired(tx.now)) {
				entries.remove();
				tx.state.dirty = true;
			}
		}
		if (!this.engine.grants.isEmpty()) {
			for (DiskGrant grant : new ArrayList<>(this.engine.grants.values())) {
				if (tx.state.find(grant.token()) == null) {
					lose(tx, grant);
				}
			}
		}
	}

	/** Grants this JVM's requests whose turn it is and arms the wake-ups of the first blocked one. */
	void run(StateTx tx) {
		if (this.engine.waiting.isEmpty()) {
			return;
		}
		HeldModes held = tx.state.held();
		QueueEntry blocker = null;
		List<QueueEntry> entries = tx.state.entries;
		for (int i = 0; i < entries.size(); i++) {
			QueueEntry entry = entries.get(i);
			if (entry.isHeld()) {
				continue;
			}
			DiskRequest request = this.engine.isLocal(entry) ? this.engine.waiting.get(entry.ticket()) : null;
			if (request == null) {
				blocker = entry;
				continue;
			}
			if (request.future.isDone()) {
				withdraw(tx, request);
				i--;
				continue;
			}
			if (blocker != null) {
				this.waits.await(KeyFile.waitRegion(blocker.ticket()), blocker.ticket());
				return;
			}
			boolean compatible;
			try {
				compatible = compatible(request.mode, held);
			}
			catch (LockException ex) {
				withdraw(tx, request);
				tx.after(() -> request.future.completeExceptionally(ex));
				i--;
				continue;
			}
			if (!compatible) {
				awaitHolders(tx, request);
				return;
			}
			grant(tx, i, entry, request);
			held = held.plus(request.mode);
		}
	}

	boolean grantableNow(StateTx tx, LockMode mode) {
		return !tx.state.hasWaiting() && compatible(mode, tx.state.held());
	}

	/** Asks a mode's rule; a rule that throws fails its own request, never the queue. */
	private boolean compatible(LockMode mode, HeldModes held) {
		try {
			return mode.isCompatible(held);
		}
		catch (RuntimeException ex) {
			throw new LockException(this.engine.key(), "The compatibility rule of mode '" + mode.name()
					+ "' failed on lock '" + this.engine.key() + "' with " + held + ": " + ex, ex);
		}
	}

	/** Grants a new request at once: only its hold region is locked. */
	DiskGrant grantNew(StateTx tx, LockMode mode, Owner owner, LockOptions options) {
		long ticket = tx.state.nextTicket();
		FileLock holdLock = this.file.lockOwn(KeyFile.holdRegion(ticket));
		QueueEntry entry = new QueueEntry(ticket, Owner.currentPid(), this.directory.session(), owner.threadId(),
				mode.name(), 0, 0, options.tags()).granted(tx.now, leaseMillis(options));
		tx.state.add(entry);
		return register(tx, entry, mode, owner, holdLock);
	}

	private void grant(StateTx tx, int index, QueueEntry entry, DiskRequest request) {
		QueueEntry granted = entry.granted(tx.now, leaseMillis(request.options));
		tx.state.entries.set(index, granted);
		tx.state.dirty = true;
		this.engine.waiting.remove(entry.ticket());
		tx.unlockLater(request.waitLock);
		DiskGrant grant = register(tx, granted, request.mode, request.owner, request.holdLock);
		tx.after(() -> {
			if (!request.future.complete(grant)) {
				grant.release();
			}
		});
	}

	private DiskGrant register(StateTx tx, QueueEntry entry, LockMode mode, Owner owner, FileLock holdLock) {
		tx.state.lastToken = entry.ticket();
		DiskGrant grant = new DiskGrant(this.engine, entry, mode, owner, holdLock, this.directory.clock());
		this.engine.grants.put(entry.ticket(), grant);
		if (entry.leaseExpiresMillis() != 0) {
			wakeAt(tx, entry.leaseExpiresMillis());
		}
		return grant;
	}

	void withdraw(StateTx tx, DiskRequest request) {
		if (this.engine.waiting.remove(request.ticket) != null) {
			tx.state.remove(request.ticket);
			tx.unlockLater(request.waitLock);
			tx.unlockLater(request.holdLock);
		}
	}

	/** Forgets a local grant and unlocks its hold region; its entry is gone already. */
	void drop(StateTx tx, DiskGrant grant) {
		grant.held = false;
		this.engine.grants.remove(grant.token());
		tx.unlockLater(grant.holdLock);
	}

	/** Drops a local grant that was taken away and tells its holder. */
	void lose(StateTx tx, DiskGrant grant) {
		drop(tx, grant);
		tx.after(grant::signalLost);
	}

	/** Removes the entries of other processes that died: their hold region is free. */
	void removeDeadForeign(StateTx tx) {
		for (QueueEntry entry : new ArrayList<>(tx.state.entries)) {
			if (!this.engine.isLocal(entry)) {
				FileLock probe = this.file.tryLock(KeyFile.holdRegion(entry.ticket()), true);
				if (probe != null) {
					tx.state.remove(entry.ticket());
					KeyFile.release(probe);
				}
			}
		}
	}

	private void awaitHolders(StateTx tx, DiskRequest request) {
		List<QueueEntry> candidates = new ArrayList<>(2);
		QueueEntry firstForeign = null;
		boolean anyCandidate = false;
		long earliestLease = Long.MAX_VALUE;
		for (QueueEntry holder : tx.state.entries) {
			if (!holder.isHeld()) {
				continue;
			}
			if (holder.leaseExpiresMillis() != 0) {
				earliestLease = Math.min(earliestLease, holder.leaseExpiresMillis());
			}
			boolean foreign = !this.engine.isLocal(holder);
			if (foreign && firstForeign == null) {
				firstForeign = holder;
			}
			if (compatibleWithout(request.mode, tx.state, holder)) {
				anyCandidate = true;
				if (foreign) {
					candidates.add(holder);
				}
			}
		}
		if (!anyCandidate && firstForeign != null) {
			candidates.add(firstForeign);
		}
		for (QueueEntry holder : candidates) {
			this.waits.await(KeyFile.holdRegion(holder.ticket()), holder.ticket());
		}
		if (earliestLease != Long.MAX_VALUE) {
			wakeAt(tx, earliestLease);
		}
	}

	private void wakeAt(StateTx tx, long atMillis) {
		if (atMillis < this.wakeAtMillis) {
			this.wakeAtMillis = atMillis;
			this.engine.pumpLater(atMillis - tx.now + 1);
		}
	}

	private static boolean compatibleWithout(LockMode mode, QueueState state, QueueEntry holder) {
		try {
			return mode.isCompatible(state.heldExcept(holder.ticket()));
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static long leaseMillis(LockOptions options) {
		return (options.lease() != null) ? Math.max(1, options.lease().toMillis()) : 0;
	}

}
