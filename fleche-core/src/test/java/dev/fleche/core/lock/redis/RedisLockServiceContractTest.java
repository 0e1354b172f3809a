package dev.fleche.core.lock.redis;

import java.time.Duration;
import java.util.UUID;

import dev.fleche.core.lock.AbstractLockServiceContractTest;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.support.LockServices;
import dev.fleche.core.testsupport.TestRedis;

/**
 * The lock contract on a real Redis server started by the test, each test under a prefix of its own.
 */
class RedisLockServiceContractTest extends AbstractLockServiceContractTest {

	@Override
	protected LockService createService() {
		String prefix = "contract-" + UUID.randomUUID().toString().substring(0, 8) + ":";
		return LockServices.create(RedisLockBackend.connect(TestRedis.shared().uri(),
				RedisLockSettings.defaults().withPrefix(prefix).withWatchdogTimeout(Duration.ofSeconds(10))));
	}

}
