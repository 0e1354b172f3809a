package dev.fleche.core.storage.sqlite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

import dev.fleche.core.storage.AbstractCallStorageContractTest;
import dev.fleche.core.storage.AbstractValueStorageContractTest;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.storage.sync.LockingStorages;

class SqliteStorageContractTest {

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
			return open(directory).values();
		}

	}

	@Nested
	class Calls extends AbstractCallStorageContractTest {

		@Override
		protected CallStorage createCallStorage(Path directory) {
			return open(directory).calls();
		}

	}

	@Nested
	class PerKeyCalls extends AbstractCallStorageContractTest {

		@Override
		protected CallStorage createCallStorage(Path directory) {
			return LockingStorages.perKey(open(directory).calls());
		}

	}

	@Nested
	class SerializingCalls extends AbstractCallStorageContractTest {

		@Override
		protected CallStorage createCallStorage(Path directory) {
			return LockingStorages.serializing(open(directory).calls());
		}

	}

}
