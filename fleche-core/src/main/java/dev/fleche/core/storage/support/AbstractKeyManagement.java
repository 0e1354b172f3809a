package dev.fleche.core.storage.support;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.fleche.core.digest.Digest;
import dev.fleche.core.storage.KeyManagement;
import dev.fleche.core.storage.KeyNotFoundException;

/**
 * Key management over a {@link ByteStore}: expansion by indexed prefix lookup, batch shrinking
 * from one listing, contains and evict by prefix.
 */
public abstract class AbstractKeyManagement implements KeyManagement {

	private final ByteStore store;

	protected AbstractKeyManagement(ByteStore store) {
		this.store = store;
	}

	/** The byte store underneath. */
	protected final ByteStore store() {
		return this.store;
	}

	@Override
	public List<Digest> list() {
		return this.store.keys();
	}

	@Override
	public Digest expand(String digestOrPrefix) {
		Keys.checkPrefix(digestOrPrefix);
		if (Digest.isFullDigest(digestOrPrefix)) {
			return Digest.of(digestOrPrefix);
		}
		return Keys.resolve(digestOrPrefix, this.store.matching(digestOrPrefix, 2), 2);
	}

	@Override
	public Map<Digest, String> shrink(Collection<Digest> keys) {
		return Keys.shrink(keys, this.store.keys());
	}

	@Override
	public boolean contains(String digestOrPrefix) {
		if (Keys.tooShort(digestOrPrefix)) {
			return false;
		}
		try {
			return this.store.contains(expand(digestOrPrefix));
		}
		catch (KeyNotFoundException ex) {
			return false;
		}
	}

	@Override
	public long storedSize(Digest key) {
		byte[] bytes = this.store.get(key);
		return (bytes != null) ? bytes.length : -1;
	}

	@Override
	public void evict(String digestOrPrefix) {
		try {
			this.store.remove(expand(digestOrPrefix));
		}
		catch (KeyNotFoundException ex) {
			// evicting an absent key does nothing
		}
	}

}
