package dev.fleche.core.lock.postgres;

import java.util.ArrayList;
import java.util.List;

import dev.fleche.core.lock.HeldModes;
import dev.fleche.core.lock.LockException;
import dev.fleche.core.lock.LockMode;

/**
 * The scheduling of one key in this process, run inside every section: forgets local grants whose
 * rows are gone, queues again the requests whose rows were lost with a failed session, grants this
 * process's requests whose turn it is (every earlier request granted, mode compatible with what is
 * held), and notes what a blocked request waits for: the sessions of the processes in its way,
 * watched for their end, and the end of the earliest lease.
 */
final class QueueWalk {

	private final KeyEngine engine;

	QueueWalk(KeyEngine engine) {
		this.engine = engine;
	}

	/** Forgets lost local grants; re-queues local requests whose rows are gone. */
	void cleanUp(QueueTx tx) {
		for (PostgresGrant grant : this.engine.grants.values()) {
			Entry entry = tx.find(grant.ticket);
			if (!grant.done && (entry == null || entry.session != grant.session || !entry.isGranted())) {
				tx.lostGrants.add(grant);
			}
			else if (entry != null && grant.hasLease() && entry.leaseExpires != null) {
				tx.wakeIn(entry.leaseExpires - tx.now + 1);
			}
		}
		for (PostgresRequest request : this.engine.waiting) {
			Entry entry = (request.session == tx.session) ? tx.find(request.ticket) : null;
			if (entry != null && !entry.isGranted()) {
				tx.mine.put(request.ticket, request);
			}
			else if (!request.future.isDone()) {
				Entry requeued = tx.append(this.engine.ownerLabel(request.owner), request.mode.name(),
						request.options.tags());
				request.ticket = requeued.ticket;
				request.session = tx.session;
				tx.mine.put(request.ticket, request);
			}
			else {
				tx.leftQueue.add(request);
			}
		}
	}

	/** Grants this process's requests whose turn it is; notes what the first blocked one waits for. */
	void run(QueueTx tx) {
		if (tx.mine.isEmpty()) {
			return;
		}
		for (Entry entry : new ArrayList<>(tx.entries)) {
			PostgresRequest request = (entry.session == tx.session) ? tx.mine.get(entry.ticket) : null;
			if (request != null && request.future.isDone()) {
				leave(tx, entry, request);
			}
		}
		HeldModes held = tx.held();
		Entry blocker = null;
		for (Entry entry : new ArrayList<>(tx.entries)) {
			if (entry.isGranted()) {
				continue;
			}
			PostgresRequest request = (entry.session == tx.session) ? tx.mine.get(entry.ticket) : null;
			if (request == null) {
				if (entry.session == tx.session) {
					tx.delete(entry);
				}
				else if (blocker == null) {
					blocker = entry;
				}
				continue;
			}
			if (request.future.isDone()) {
				leave(tx, entry, request);
				continue;
			}
			if (blocker != null) {
				tx.watch.add(blocker.session);
				return;
			}
			boolean compatible;
			try {
				compatible = compatible(request.mode, held);
			}
			catch (LockException ex) {
				leave(tx, entry, request);
				tx.after.add(() -> request.future.completeExceptionally(ex));
				continue;
			}
			if (!compatible) {
				awaitHolders(tx, request.mode);
				return;
			}
			grant(tx, entry, request);
			held = held.plus(request.mode);
		}
	}

	/** Asks a mode's rule; a rule that throws fails its own request, never the queue. */
	boolean compatible(LockMode mode, HeldModes held) {
		try {
			return mode.isCompatible(held);
		}
		catch (RuntimeException ex) {
			throw new LockException(this.engine.key(), "The compatibility rule of mode '" + mode.name()
					+ "' failed on lock '" + this.engine.key() + "' with " + held + ": " + ex, ex);
		}
	}

	private void grant(QueueTx tx, Entry entry, PostgresRequest request) {
		tx.grant(entry, KeyEngine.leaseMillis(request.options));
		PostgresGrant grant = this.engine.newGrant(tx, entry, request.mode, request.owner, request.options);
		tx.mine.remove(entry.ticket);
		tx.leftQueue.add(request);
		tx.after.add(() -> {
			if (!request.future.complete(grant)) {
				grant.release();
			}
		});
	}

	/** Takes a withdrawn request out of the queue. */
	void leave(QueueTx tx, Entry entry, PostgresRequest request) {
		tx.delete(entry);
		tx.mine.remove(entry.ticket);
		tx.leftQueue.add(request);
	}

	/**
	 * Notes the holders a blocked request waits for: the sessions of foreign holders whose release
	 * would let it in (all of them if none alone would), and the earliest lease end.
	 */
	private void awaitHolders(QueueTx tx, LockMode mode) {
		List<Entry> holders = new ArrayList<>();
		for (Entry entry : tx.entries) {
			if (entry.isGranted()) {
				holders.add(entry);
				if (entry.leaseExpires != null) {
					tx.wakeIn(entry.leaseExpires - tx.now + 1);
				}
			}
		}
		for (Entry holder : holders) {
			if (holder.session != tx.session) {
				tx.watch.add(holder.session);
			}
		}
	}

}
