package dev.fleche.core.lock.disk;

import dev.fleche.core.lock.AbstractLockServiceContractTest;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.support.LockServices;

/**
 * The lock contract on the cross-process disk backend, within one JVM.
 */
class DiskLockServiceContractTest extends AbstractLockServiceContractTest {

	@Override
	protected LockService createService() {
		return LockServices.create(DiskLockBackend.open(this.directory.resolve("locks")));
	}

}
