package dev.fleche.core.lock.postgres;

import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.fleche.core.lock.AbstractLockServiceContractTest;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.support.LockServices;
import dev.fleche.core.testsupport.PostgresServer;

/**
 * The lock contract on the PostgreSQL backend, on the test server.
 */
class PostgresLockServiceContractTest extends AbstractLockServiceContractTest {

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	private static HikariDataSource pool;

	@BeforeAll
	static void openPool() {
		pool = PostgresServer.shared().pool(8);
	}

	@AfterAll
	static void closePool() {
		pool.close();
	}

	@Override
	protected LockService createService() {
		return LockServices.create(PostgresLockBackend.open(pool, PostgresServer.shared().connections(),
				PostgresLockSettings.defaults()));
	}

	@Override
	protected String key() {
		return super.key() + "-" + RUN;
	}

}
