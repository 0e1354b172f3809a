package dev.fleche.core.storage.memory;

import java.nio.file.Path;

import dev.fleche.core.storage.AbstractValueStorageContractTest;
import dev.fleche.core.storage.ValueStorage;

class MemoryValueStorageTest extends AbstractValueStorageContractTest {

	@Override
	protected ValueStorage createValueStorage(Path directory) {
		return MemoryStorage.values();
	}

}
