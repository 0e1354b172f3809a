package dev.fleche.core.lock.disk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.lock.HeldModes;
import dev.fleche.core.lock.LockState;

/**
 * The decoded state of one key: its ticket counter, its queue in ticket order and its running
 * average. Mutable; read and written only under the key's state lock.
 */
final class QueueState {

	long lastTicket;

	long lastToken;

	double averageSum;

	long averageCount;

	final List<QueueEntry> entries;

	boolean dirty;

	QueueState(long lastTicket, long lastToken, double averageSum, long averageCount, List<QueueEntry> entries) {
		this.lastTicket = lastTicket;
		this.lastToken = lastToken;
		this.averageSum = averageSum;
		this.averageCount = averageCount;
		this.entries = new ArrayList<>(entries);
	}

	long nextTicket() {
		this.dirty = true;
		return ++this.lastTicket;
	}

	@Nullable QueueEntry find(long ticket) {
		for (QueueEntry entry : this.entries) {
			if (entry.ticket() == ticket) {
				return entry;
			}
		}
		return null;
	}

	void add(QueueEntry entry) {
		this.entries.add(entry);
		this.dirty = true;
	}

	boolean remove(long ticket) {
		boolean removed = this.entries.removeIf(entry -> entry.ticket() == ticket);
		this.dirty |= removed;
		return removed;
	}

	void replace(QueueEntry entry) {
		for (int i = 0; i < this.entries.size(); i++) {
			if (this.entries.get(i).ticket() == entry.ticket()) {
				this.entries.set(i, entry);
				this.dirty = true;
				return;
			}
		}
		throw new IllegalStateException("No entry with ticket " + entry.ticket());
	}

	boolean hasWaiting() {
		for (QueueEntry entry : this.entries) {
			if (!entry.isHeld()) {
				return true;
			}
		}
		return false;
	}

	int waitingCount() {
		int count = 0;
		for (QueueEntry entry : this.entries) {
			if (!entry.isHeld()) {
				count++;
			}
		}
		return count;
	}

	HeldModes held() {
		return heldExcept(-1);
	}

	/** A snapshot of this state for {@code key}. */
	LockState snapshot(String key) {
		List<LockState.Holder> holders = new ArrayList<>();
		Set<String> tags = new TreeSet<>();
		for (QueueEntry entry : this.entries) {
			tags.addAll(entry.tags());
			if (entry.isHeld()) {
				holders.add(new LockState.Holder(entry.pid() + "/" + entry.threadId(), entry.mode(), entry.ticket(),
						entry.grantedAtMillis(), entry.leaseExpiresMillis()));
			}
		}
		return new LockState(key, DiskLockBackend.NAME, holders, waitingCount(), this.lastToken, tags);
	}

	/** Adds {@code value} to the running average. */
	void averageAdd(double value) {
		this.averageSum += value;
		this.averageCount++;
		this.dirty = true;
	}

	/** The running average, or empty. */
	OptionalDouble average() {
		return (this.averageCount == 0) ? OptionalDouble.empty() : OptionalDouble.of(this.averageSum / this.averageCount);
	}

	/** Returns the running average and clears it. */
	OptionalDouble averagePop() {
		OptionalDouble average = average();
		this.averageSum = 0;
		this.averageCount = 0;
		this.dirty = true;
		return average;
	}

	/** The modes held by every holder but the one with {@code ticket}. */
	HeldModes heldExcept(long ticket) {
		Map<String, Integer> counts = null;
		for (QueueEntry entry : this.entries) {
			if (entry.isHeld() && entry.ticket() != ticket) {
				if (counts == null) {
					counts = new HashMap<>(4);
				}
				counts.merge(entry.mode(), 1, Integer::sum);
			}
		}
		return (counts != null) ? HeldModes.of(counts) : HeldModes.none();
	}

}
