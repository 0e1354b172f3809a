package dev.fleche.core.storage.memory;

import java.nio.file.Path;

import dev.fleche.core.storage.AbstractCallStorageContractTest;
import dev.fleche.core.storage.CallStorage;

class MemoryCallStorageTest extends AbstractCallStorageContractTest {

	@Override
	protected CallStorage createCallStorage(Path directory) {
		return MemoryStorage.calls();
	}

}
