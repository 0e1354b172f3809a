package dev.fleche.core.storage.layered;

import java.lang.reflect.Type;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.fleche.core.digest.Digest;
import dev.fleche.core.storage.CorruptEntryException;
import dev.fleche.core.storage.KeyNotFoundException;
import dev.fleche.core.storage.SaveException;
import dev.fleche.core.storage.ValueStorage;

/**
 * Values over a stack of value storages, nearest first. A save writes every layer, farthest first
 * (so a near layer never holds a value the far ones lack); a load reads the nearest layer that has
 * the value and copies it into the nearer ones; a near copy that cannot be read is evicted and the
 * value read from farther away. Values are content-addressed, so a near copy is never stale.
 */
public final class LayeredValueStorage implements ValueStorage {

	private static final Logger logger = LoggerFactory.getLogger(LayeredValueStorage.class);

	private final List<ValueStorage> layers;

	private final LayeredKeys keys;

	/** @param layers the storages, nearest first */
	public LayeredValueStorage(List<ValueStorage> layers) {
		this.keys = new LayeredKeys(layers);
		this.layers = List.copyOf(layers);
	}

	/** The layers, nearest first. */
	public List<ValueStorage> layers() {
		return this.layers;
	}

	@Override
	public Digest save(@Nullable Object value) {
		Digest key = this.layers.get(this.layers.size() - 1).save(value);
		for (int i = this.layers.size() - 2; i >= 0; i--) {
			this.layers.get(i).save(value, key);
		}
		return key;
	}

	@Override
	public Digest save(@Nullable Object value, Digest key) {
		for (int i = this.layers.size() - 1; i >= 0; i--) {
			this.layers.get(i).save(value, key);
		}
		return key;
	}

	@Override
	public @Nullable Object load(String digestOrPrefix, Type type) {
		Digest key = expand(digestOrPrefix);
		for (int i = 0; i < this.layers.size(); i++) {
			ValueStorage layer = this.layers.get(i);
			Object value;
			try {
				value = layer.load(key.hex(), type);
			}
			catch (KeyNotFoundException ex) {
				continue;
			}
			catch (CorruptEntryException ex) {
				if (i == this.layers.size() - 1) {
					throw ex;
				}
				logger.warn("Evicting an unreadable near copy of value {}: {}", key.prefix(12), ex.getMessage());
				layer.evict(key.hex());
				continue;
			}
			fill(i, value, key);
			return value;
		}
		throw new KeyNotFoundException(digestOrPrefix);
	}

	private void fill(int found, @Nullable Object value, Digest key) {
		for (int j = found - 1; j >= 0; j--) {
			try {
				this.layers.get(j).save(value, key);
			}
			catch (SaveException ex) {
				logger.debug("Cannot copy value {} into a nearer layer: {}", key.prefix(12), ex.getMessage());
			}
		}
	}

	@Override
	public List<Digest> list() {
		return this.keys.list();
	}

	@Override
	public Digest expand(String digestOrPrefix) {
		return this.keys.expand(digestOrPrefix);
	}

	@Override
	public Map<Digest, String> shrink(Collection<Digest> keys) {
		return this.keys.shrink(keys);
	}

	@Override
	public boolean contains(String digestOrPrefix) {
		return this.keys.contains(digestOrPrefix);
	}

	@Override
	public void evict(String digestOrPrefix) {
		this.keys.evict(digestOrPrefix);
	}

	@Override
	public long storedSize(Digest key) {
		return this.keys.storedSize(key);
	}

}
