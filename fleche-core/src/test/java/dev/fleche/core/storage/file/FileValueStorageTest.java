package dev.fleche.core.storage.file;

import java.nio.file.Path;
import java.util.List;

import dev.fleche.core.serial.JacksonSerializer;
import dev.fleche.core.storage.AbstractValueStorageContractTest;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.storage.codec.EntryCodec;
import dev.fleche.core.storage.codec.SigningKey;

class FileValueStorageTest extends AbstractValueStorageContractTest {

	@Override
	protected ValueStorage createValueStorage(Path directory) {
		return FileStorage.values(directory, new JacksonSerializer(),
				EntryCodec.of(true, List.of(SigningKey.of("k1", "0123456789abcdef0123"))));
	}

}
