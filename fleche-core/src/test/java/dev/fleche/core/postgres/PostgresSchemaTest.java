package dev.fleche.core.postgres;

import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.postgres.PostgresLockBackend;
import dev.fleche.core.lock.postgres.PostgresLockException;
import dev.fleche.core.lock.postgres.PostgresLockSettings;
import dev.fleche.core.lock.support.LockServices;
import dev.fleche.core.storage.StorageException;
import dev.fleche.core.storage.postgres.PostgresStore;
import dev.fleche.core.storage.postgres.PostgresStoreSettings;
import dev.fleche.core.testsupport.PostgresServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Schema and table names are validated; the shipped scripts create what the backends need, on
 * open or run by hand; a missing schema with initialize-schema off is a typed error naming the script.
 */
class PostgresSchemaTest {

	private static HikariDataSource pool;

	@BeforeAll
	static void openPool() {
		pool = PostgresServer.shared().pool(4);
	}

	@AfterAll
	static void closePool() {
		pool.close();
	}

	@Test
	void namesThatCouldInjectSqlAreRejectedByName() {
		for (String bad : new String[] { "public; DROP TABLE x", "\"quoted\"", "Upper", "", "has space", "a-b", "1abc",
				"x".repeat(41), "fleche'--" }) {
			assertThatIllegalArgumentException().as(bad).isThrownBy(() -> new SqlNames(bad, "fleche"))
				.withMessageContaining("schema");
			assertThatIllegalArgumentException().as(bad).isThrownBy(() -> new SqlNames("public", bad))
				.withMessageContaining("table prefix");
		}
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PostgresLockSettings.defaults().withNames("public", "Locks"))
			.withMessageContaining("upper case");
		assertThat(new SqlNames("app_1", "_fleche").qualified("calls")).isEqualTo("app_1._fleche_calls");
	}

	@Test
	void aMissingSchemaWithInitializationOffIsATypedErrorNamingTheScript() {
		String prefix = "missing_" + unique();
		assertThatThrownBy(() -> PostgresLockBackend.open(pool, PostgresServer.shared().connections(),
				PostgresLockSettings.defaults().withNames("public", prefix).withInitializeSchema(false)))
			.isInstanceOf(PostgresLockException.class)
			.hasMessageContaining(PostgresLockSettings.SCHEMA_RESOURCE);
		assertThatThrownBy(() -> PostgresStore.open(pool,
				PostgresStoreSettings.defaults().withNames("public", prefix).withInitializeSchema(false)))
			.isInstanceOf(StorageException.class)
			.hasMessageContaining(PostgresStoreSettings.SCHEMA_RESOURCE);
	}

	@Test
	void scriptsRunByHandInAnotherSchemaServeBackendsThatDoNotCreateThem() throws Exception {
		String schema = "fleche_" + unique();
		try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(PostgresLockSettings.defaults().withNames(schema, "locks").schemaScript());
			statement.execute(PostgresStoreSettings.defaults().withNames(schema, "cache").schemaScript());
		}
		try (LockService locks = LockServices.create(PostgresLockBackend.open(pool, PostgresServer.shared().connections(),
				PostgresLockSettings.defaults().withNames(schema, "locks").withInitializeSchema(false)))) {
			try (LockHandle handle = locks.lock("by-hand").acquire()) {
				assertThat(handle.token()).isPositive();
			}
		}
		PostgresStore store = PostgresStore.open(pool,
				PostgresStoreSettings.defaults().withNames(schema, "cache").withInitializeSchema(false));
		assertThat(store.values().load(store.values().save("stored").hex(), String.class)).isEqualTo("stored");
	}

	private static String unique() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
	}

}
