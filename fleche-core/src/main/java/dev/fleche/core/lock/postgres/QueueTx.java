package dev.fleche.core.lock.postgres;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.lock.HeldModes;

/**
 * One section's view of a key's queue, read in a transaction that holds the key's row lock, and
 * the writes and local changes it will make on commit.
 */
final class QueueTx {

	final int session;

	final long now;

	final long lastTokenRead;

	final long lastTicketRead;

	long lastToken;

	long lastTicket;

	/** Entries in ticket order, as they will be after this transaction. */
	final List<Entry> entries;

	/** Whether opening removed entries of ended sessions or expired leases. */
	final boolean removedOnOpen;

	/** This process's requests in the queue under {@link #session}, by ticket. */
	final Map<Long, PostgresRequest> mine = new java.util.LinkedHashMap<>();

	final List<Long> deletes = new ArrayList<>();

	final List<Entry> grants = new ArrayList<>();

	final List<Entry> inserts = new ArrayList<>();

	/** Local grants made, to register on commit. */
	final List<PostgresGrant> newGrants = new ArrayList<>();

	/** Local grants taken away, to forget and tell on commit. */
	final List<PostgresGrant> lostGrants = new ArrayList<>();

	/** Local requests that left the queue (granted, withdrawn, failed), to forget on commit. */
	final List<PostgresRequest> leftQueue = new ArrayList<>();

	/** What to do after commit, outside the gate. */
	final List<Runnable> after = new ArrayList<>();

	/** Sessions of other processes in the way of a local waiter. */
	final Set<Integer> watch = new HashSet<>();

	/** When to look again (server millis from now) because a lease in the way ends; MAX if never. */
	long wakeInMillis = Long.MAX_VALUE;

	boolean notify;

	QueueTx(int session, long now, long lastToken, long lastTicket, List<Entry> entries, boolean removedOnOpen) {
		this.session = session;
		this.now = now;
		this.lastTokenRead = lastToken;
		this.lastTicketRead = lastTicket;
		this.lastToken = lastToken;
		this.lastTicket = lastTicket;
		this.entries = entries;
		this.removedOnOpen = removedOnOpen;
	}

	/** The modes held now, by name. */
	HeldModes held() {
		Map<String, Integer> counts = new TreeMap<>();
		for (Entry entry : this.entries) {
			if (entry.isGranted()) {
				counts.merge(entry.mode, 1, Integer::sum);
			}
		}
		return HeldModes.of(counts);
	}

	boolean hasWaiting() {
		for (Entry entry : this.entries) {
			if (!entry.isGranted()) {
				return true;
			}
		}
		return false;
	}

	int waitingCount() {
		int count = 0;
		for (Entry entry : this.entries) {
			if (!entry.isGranted()) {
				count++;
			}
		}
		return count;
	}

	@Nullable Entry find(long ticket) {
		for (Entry entry : this.entries) {
			if (entry.ticket == ticket) {
				return entry;
			}
		}
		return null;
	}

	/** Adds a new entry at the end of the queue with the next ticket. */
	Entry append(String owner, String mode, Set<String> tags) {
		Entry entry = new Entry(++this.lastTicket, this.session, owner, mode, null, 0, null, tags);
		this.entries.add(entry);
		this.inserts.add(entry);
		return entry;
	}

	/** Grants {@code entry} with the next token. */
	void grant(Entry entry, @Nullable Long leaseMillis) {
		entry.token = ++this.lastToken;
		entry.grantedAt = this.now;
		entry.leaseExpires = (leaseMillis != null) ? this.now + leaseMillis : null;
		if (!this.inserts.contains(entry)) {
			this.grants.add(entry);
		}
	}

	/** Removes {@code entry} from the queue. */
	void delete(Entry entry) {
		this.entries.remove(entry);
		if (!this.inserts.remove(entry)) {
			this.grants.remove(entry);
			this.deletes.add(entry.ticket);
		}
	}

	/** Whether this transaction writes anything. */
	boolean writes() {
		return !this.deletes.isEmpty() || !this.grants.isEmpty() || !this.inserts.isEmpty()
				|| this.lastToken != this.lastTokenRead || this.lastTicket != this.lastTicketRead;
	}

	/** Whether another process has a request waiting. */
	boolean foreignWaiting() {
		for (Entry entry : this.entries) {
			if (!entry.isGranted() && entry.session != this.session) {
				return true;
			}
		}
		return false;
	}

	void wakeIn(long millis) {
		this.wakeInMillis = Math.min(this.wakeInMillis, Math.max(1, millis));
	}

}
