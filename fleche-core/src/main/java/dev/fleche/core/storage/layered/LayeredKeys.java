package dev.fleche.core.storage.layered;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import dev.fleche.core.digest.Digest;
import dev.fleche.core.storage.KeyManagement;
import dev.fleche.core.storage.KeyNotFoundException;
import dev.fleche.core.storage.support.Keys;

/**
 * Key management across layers: a key is stored if any layer has it; a prefix is ambiguous when
 * the layers together hold two keys under it, even if no single layer does; a shrunk prefix is
 * long enough for every layer; not found only when no layer has it.
 */
final class LayeredKeys {

	private final List<? extends KeyManagement> layers;

	LayeredKeys(List<? extends KeyManagement> layers) {
		if (layers.isEmpty()) {
			throw new IllegalArgumentException("A layered storage needs at least one layer");
		}
		this.layers = List.copyOf(layers);
	}

	List<Digest> list() {
		TreeSet<Digest> all = new TreeSet<>();
		this.layers.forEach(layer -> all.addAll(layer.list()));
		return new ArrayList<>(all);
	}

	Digest expand(String digestOrPrefix) {
		Keys.checkPrefix(digestOrPrefix);
		if (Digest.isFullDigest(digestOrPrefix)) {
			return Digest.of(digestOrPrefix);
		}
		TreeSet<Digest> found = new TreeSet<>();
		for (KeyManagement layer : this.layers) {
			try {
				found.add(layer.expand(digestOrPrefix));
			}
			catch (KeyNotFoundException ex) {
				// another layer may have it
			}
		}
		List<Digest> candidates = new ArrayList<>(found);
		return Keys.resolve(digestOrPrefix, candidates.subList(0, Math.min(2, candidates.size())), candidates.size());
	}

	Map<Digest, String> shrink(Collection<Digest> keys) {
		return Keys.shrink(keys, list());
	}

	boolean contains(String digestOrPrefix) {
		if (Keys.tooShort(digestOrPrefix)) {
			return false;
		}
		Digest key;
		try {
			key = expand(digestOrPrefix);
		}
		catch (KeyNotFoundException ex) {
			return false;
		}
		for (KeyManagement layer : this.layers) {
			if (layer.contains(key.hex())) {
				return true;
			}
		}
		return false;
	}

	void evict(String digestOrPrefix) {
		Digest key;
		try {
			key = expand(digestOrPrefix);
		}
		catch (KeyNotFoundException ex) {
			return;
		}
		for (int i = this.layers.size() - 1; i >= 0; i--) {
			this.layers.get(i).evict(key.hex());
		}
	}

	long storedSize(Digest key) {
		for (KeyManagement layer : this.layers) {
			long size = layer.storedSize(key);
			if (size >= 0) {
				return size;
			}
		}
		return -1;
	}

}
