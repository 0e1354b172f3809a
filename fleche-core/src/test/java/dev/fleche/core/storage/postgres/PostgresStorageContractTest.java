package dev.fleche.core.storage.postgres;

import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

import dev.fleche.core.storage.AbstractCallStorageContractTest;
import dev.fleche.core.storage.AbstractValueStorageContractTest;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.storage.sync.LockingStorages;
import dev.fleche.core.testsupport.PostgresServer;

/**
 * The storage contracts on PostgreSQL, each test on tables of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresStorageContractTest {

	private static final String RUN = UUID.randomUUID().toString().substring(0, 6);

	private static final AtomicInteger TABLES = new AtomicInteger();

	private HikariDataSource pool;

	@BeforeAll
	void openPool() {
		this.pool = PostgresServer.shared().pool(6);
	}

	@AfterAll
	void closePool() {
		this.pool.close();
	}

	private PostgresStore open() {
		return PostgresStore.open(this.pool,
				PostgresStoreSettings.defaults().withNames("public", "fc_" + RUN + "_" + TABLES.incrementAndGet()));
	}

	@Nested
	class Values extends AbstractValueStorageContractTest {

		@Override
		protected ValueStorage createValueStorage(Path directory) {
			return open().values();
		}

	}

	@Nested
	class Calls extends AbstractCallStorageContractTest {

		@Override
		protected CallStorage createCallStorage(Path directory) {
			return open().calls();
		}

	}

	@Nested
	class PerKeyCalls extends AbstractCallStorageContractTest {

		@Override
		protected CallStorage createCallStorage(Path directory) {
			return LockingStorages.perKey(open().calls());
		}

	}

}
