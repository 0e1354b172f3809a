package dev.fleche.core.storage.sync;

import java.nio.file.Path;

import org.junit.jupiter.api.Nested;

import dev.fleche.core.storage.AbstractCallStorageContractTest;
import dev.fleche.core.storage.AbstractValueStorageContractTest;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.storage.file.FileStorage;
import dev.fleche.core.storage.memory.MemoryStorage;

class SerializingStorageContractTest {

	@Nested
	class Values extends AbstractValueStorageContractTest {

		@Override
		protected ValueStorage createValueStorage(Path directory) {
			return LockingStorages.serializing(FileStorage.values(directory));
		}

	}

	@Nested
	class Calls extends AbstractCallStorageContractTest {

		@Override
		protected CallStorage createCallStorage(Path directory) {
			return LockingStorages.serializing(MemoryStorage.calls());
		}

	}

	@Nested
	class PerKeyValues extends AbstractValueStorageContractTest {

		@Override
		protected ValueStorage createValueStorage(Path directory) {
			return LockingStorages.perKey(FileStorage.values(directory));
		}

	}

	@Nested
	class PerKeyCalls extends AbstractCallStorageContractTest {

		@Override
		protected CallStorage createCallStorage(Path directory) {
			return LockingStorages.perKey(FileStorage.calls(directory));
		}

	}

	@Nested
	class ComposedCalls extends AbstractCallStorageContractTest {

		@Override
		protected CallStorage createCallStorage(Path directory) {
			return LockingStorages.serializing(LockingStorages.perKey(MemoryStorage.calls()));
		}

	}

}
