package dev.fleche.core.storage.file;

import java.nio.file.Path;

import dev.fleche.core.storage.AbstractCallStorageContractTest;
import dev.fleche.core.storage.CallStorage;

class FileCallStorageTest extends AbstractCallStorageContractTest {

	@Override
	protected CallStorage createCallStorage(Path directory) {
		return FileStorage.calls(directory);
	}

}
