package dev.fleche.core.storage.layered;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

import dev.fleche.core.storage.AbstractCallStorageContractTest;
import dev.fleche.core.storage.AbstractValueStorageContractTest;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.storage.memory.MemoryStorage;
import dev.fleche.core.storage.sqlite.SqliteStore;

/**
 * Memory over SQLite keeps the storage contracts.
 */
class LayeredStorageContractTest {

	private final List<SqliteStore> stores = new ArrayList<>();

	@AfterEach
	void close() {
		this.stores.forEach(SqliteStore::close);
	}

	private SqliteStore open(Path directory) {
		SqliteStore store = SqliteStore.open(directory.resolve("fleche.db"));
		this.stores.add(store);
		return store;
	}

	@Nested
	class Values extends AbstractValueStorageContractTest {

		@Override
		protected ValueStorage createValueStorage(Path directory) {
			return new LayeredValueStorage(List.of(MemoryStorage.values(), open(directory).values()));
		}

	}

	@Nested
	class Calls extends AbstractCallStorageContractTest {

		@Override
		protected CallStorage createCallStorage(Path directory) {
			return new LayeredCallStorage(List.of(MemoryStorage.calls(), open(directory).calls()), Duration.ofSeconds(30),
					Clock.systemUTC());
		}

	}

}
