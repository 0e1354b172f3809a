package dev.fleche.core.storage.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.digest.Digest;
import dev.fleche.core.storage.support.ByteStore;
import dev.fleche.core.storage.support.Keys;

/**
 * Bytes in a sorted concurrent map; prefix lookups are range scans. Entries are copied in and out,
 * so nobody can change what is stored.
 */
public final class MemoryByteStore implements ByteStore {

	private final ConcurrentNavigableMap<Digest, byte[]> entries = new ConcurrentSkipListMap<>();

	@Override
	public void put(Digest key, byte[] bytes) {
		this.entries.put(key, bytes.clone());
	}

	@Override
	public byte @Nullable [] get(Digest key) {
		byte[] bytes = this.entries.get(key);
		return bytes == null ? null : bytes.clone();
	}

	@Override
	public boolean remove(Digest key) {
		return this.entries.remove(key) != null;
	}

	@Override
	public boolean contains(Digest key) {
		return this.entries.containsKey(key);
	}

	@Override
	public List<Digest> keys() {
		return new ArrayList<>(this.entries.keySet());
	}

	@Override
	public List<Digest> matching(String prefix, int limit) {
		List<Digest> matches = new ArrayList<>(limit);
		for (Digest key : this.entries.tailMap(Keys.lowest(prefix), true).keySet()) {
			if (!key.startsWith(prefix) || matches.size() == limit) {
				break;
			}
			matches.add(key);
		}
		return matches;
	}

	/** Replaces the bytes of an entry as they are, for tests of corrupt entries. */
	void putRaw(Digest key, byte[] bytes) {
		this.entries.put(key, bytes);
	}

}
