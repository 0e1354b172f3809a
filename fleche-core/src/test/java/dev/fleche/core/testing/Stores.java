package dev.fleche.core.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.storage.file.FileStorage;
import dev.fleche.core.storage.memory.MemoryStorage;
import dev.fleche.core.storage.sqlite.SqliteStore;

/**
 * The embedded backends, opened in a test's directory; close SQLite stores with {@link #close()}.
 */
public final class Stores implements AutoCloseable {

	/** A pair of storages of one backend. */
	public record Pair(ValueStorage values, CallStorage calls) {
	}

	private final List<SqliteStore> opened = new ArrayList<>();

	/** The storages of {@code backend} ({@code memory}, {@code file} or {@code sqlite}) in {@code directory}. */
	public Pair open(String backend, Path directory) {
		return switch (backend) {
			case "memory" -> new Pair(MemoryStorage.values(), MemoryStorage.calls());
			case "file" -> new Pair(FileStorage.values(directory.resolve("values")), FileStorage.calls(directory.resolve("calls")));
			case "sqlite" -> {
				SqliteStore store = SqliteStore.open(directory.resolve("fleche.db"));
				this.opened.add(store);
				yield new Pair(store.values(), store.calls());
			}
			default -> throw new IllegalArgumentException("Unknown backend " + backend);
		};
	}

	@Override
	public void close() {
		this.opened.forEach(SqliteStore::close);
	}

}
