package dev.fleche.core.lock.local;

import dev.fleche.core.lock.AbstractLockServiceContractTest;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.support.LockServices;

/**
 * The lock contract on the in-JVM backend.
 */
class LocalLockServiceContractTest extends AbstractLockServiceContractTest {

	@Override
	protected LockService createService() {
		return LockServices.local();
	}

}
