package dev.fleche.autoconfigure.storage.layered;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import dev.fleche.autoconfigure.FlecheProperties;
import dev.fleche.autoconfigure.FlecheStorageProperties;
import dev.fleche.autoconfigure.FlecheProperties.StorageType;
import dev.fleche.autoconfigure.FlecheSettings;
import dev.fleche.autoconfigure.storage.FlecheStorageAutoConfiguration;
import dev.fleche.core.serial.Serializer;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.storage.codec.EntryCodec;
import dev.fleche.core.storage.file.FileStorage;
import dev.fleche.core.storage.memory.MemoryStorage;
import dev.fleche.core.storage.sqlite.SqliteStore;

/**
 * The stores of {@code fleche.storage.layers}, opened nearest first, and closed together.
 */
public final class LayeredStores implements AutoCloseable {

	private final List<ValueStorage> values = new ArrayList<>();

	private final List<CallStorage> calls = new ArrayList<>();

	private final List<SqliteStore> opened = new ArrayList<>();

	/**
	 * Opens every layer.
	 * @throws InvalidConfigurationPropertyValueException if there are fewer than two layers or one
	 * appears twice
	 */
	public LayeredStores(FlecheStorageProperties storage, Serializer serializer, EntryCodec codec) {
		List<StorageType> layers = storage.getLayers();
		if (layers.size() < 2 || new HashSet<>(layers).size() != layers.size()) {
			throw new InvalidConfigurationPropertyValueException("fleche.storage.layers", layers,
					"layers need at least two different stores, nearest first, such as 'memory,sqlite'");
		}
		Path root = FlecheSettings.storagePath(storage);
		try {
			for (StorageType layer : layers) {
				open(layer, root, serializer, codec);
			}
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

	private void open(StorageType layer, Path root, Serializer serializer, EntryCodec codec) {
		switch (layer) {
			case MEMORY -> {
				this.values.add(MemoryStorage.values(serializer));
				this.calls.add(MemoryStorage.calls());
			}
			case FILE -> {
				this.values.add(FileStorage.values(root.resolve("values"), serializer, codec));
				this.calls.add(FileStorage.calls(root.resolve("calls"), codec));
			}
			case SQLITE -> {
				SqliteStore store = SqliteStore.open(root.resolve(FlecheStorageAutoConfiguration.SQLITE_FILE), serializer,
						codec);
				this.opened.add(store);
				this.values.add(store.values());
				this.calls.add(store.calls());
			}
		}
	}

	/** The value storages, nearest first. */
	public List<ValueStorage> values() {
		return List.copyOf(this.values);
	}

	/** The call storages, nearest first. */
	public List<CallStorage> calls() {
		return List.copyOf(this.calls);
	}

	@Override
	public void close() {
		this.opened.forEach(SqliteStore::close);
	}

}
