package dev.fleche.core.cache.eviction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.fleche.core.call.Call;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.CorruptEntryException;
import dev.fleche.core.storage.KeyNotFoundException;
import dev.fleche.core.storage.ValueStorage;

/**
 * The sizes of a store's calls and values and how many calls use each value. Not thread-safe: the
 * {@link SizeLimiter} uses it under its own lock.
 */
final class Ledger {

	private final ValueStorage values;

	private final CallStorage calls;

	private final Map<Digest, CallEntry> entries = new HashMap<>();

	private final Map<Digest, Long> valueSizes = new HashMap<>();

	private final Map<Digest, Integer> references = new HashMap<>();

	private long total;

	Ledger(ValueStorage values, CallStorage calls) {
		this.values = values;
		this.calls = calls;
	}

	long total() {
		return this.total;
	}

	/** Forgets everything and reads the store again. */
	void rescan() {
		this.entries.clear();
		this.valueSizes.clear();
		this.references.clear();
		this.total = 0;
		for (Digest value : this.values.list()) {
			knowValue(value);
		}
		for (Digest key : this.calls.list()) {
			addCall(key);
		}
	}

	/** Reads the call under {@code key} (again) and counts it; a call that is gone is forgotten. */
	void addCall(Digest key) {
		removeCall(key);
		Call call;
		try {
			call = this.calls.load(key.hex());
		}
		catch (KeyNotFoundException | CorruptEntryException ex) {
			return;
		}
		CallEntry entry = CallEntry.of(call, this.calls.storedSize(key));
		this.entries.put(key, entry);
		this.total += entry.size();
		for (Digest value : entry.values()) {
			knowValue(value);
			this.references.merge(value, 1, Integer::sum);
		}
	}

	/** Forgets the call under {@code key}; its values stay until collected. */
	void removeCall(Digest key) {
		CallEntry entry = this.entries.remove(key);
		if (entry == null) {
			return;
		}
		this.total -= entry.size();
		for (Digest value : entry.values()) {
			this.references.computeIfPresent(value, (digest, count) -> (count > 1) ? count - 1 : null);
		}
	}

	private void knowValue(Digest value) {
		if (!this.valueSizes.containsKey(value)) {
			long size = this.values.storedSize(value);
			if (size >= 0) {
				this.valueSizes.put(value, size);
				this.total += size;
			}
		}
	}

	void removeValue(Digest value) {
		Long size = this.valueSizes.remove(value);
		if (size != null) {
			this.total -= size;
		}
	}

	/** The values stored that no known call uses. */
	List<Digest> orphans() {
		List<Digest> orphans = new ArrayList<>();
		for (Digest value : this.valueSizes.keySet()) {
			if (!this.references.containsKey(value)) {
				orphans.add(value);
			}
		}
		return orphans;
	}

	/** How many bytes evicting {@code entry} frees: its record and the values only it uses. */
	long freedBy(CallEntry entry) {
		long freed = entry.size();
		for (Digest value : entry.values()) {
			if (this.references.getOrDefault(value, 0) == 1) {
				freed += this.valueSizes.getOrDefault(value, 0L);
			}
		}
		return freed;
	}

	List<CallEntry> entries() {
		return new ArrayList<>(this.entries.values());
	}

	int calls() {
		return this.entries.size();
	}

}
