package dev.fleche.core.storage.redis;

import java.nio.file.Path;

import dev.fleche.core.storage.AbstractCallStorageContractTest;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.codec.EntryCodec;

/**
 * The call storage contract on Redis.
 */
class RedisCallStorageTest extends AbstractCallStorageContractTest {

	@Override
	protected CallStorage createCallStorage(Path directory) {
		return RedisStorage.calls(RedisStorageFixture.connection(), RedisStorageFixture.prefix(), EntryCodec.plain(), null);
	}

}
