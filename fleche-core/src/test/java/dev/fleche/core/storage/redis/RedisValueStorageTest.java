package dev.fleche.core.storage.redis;

import java.nio.file.Path;

import dev.fleche.core.serial.JacksonSerializer;
import dev.fleche.core.storage.AbstractValueStorageContractTest;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.storage.codec.EntryCodec;

/**
 * The value storage contract on Redis.
 */
class RedisValueStorageTest extends AbstractValueStorageContractTest {

	@Override
	protected ValueStorage createValueStorage(Path directory) {
		return RedisStorage.values(RedisStorageFixture.connection(), RedisStorageFixture.prefix(), new JacksonSerializer(),
				EntryCodec.plain(), null);
	}

}
