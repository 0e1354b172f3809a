package dev.fleche.autoconfigure.postgres;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.fleche.autoconfigure.lock.FlecheLockAutoConfiguration;
import dev.fleche.autoconfigure.storage.FlecheStorageAutoConfiguration;
import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.storage.postgres.PostgresStore;
import dev.fleche.core.testsupport.PostgresServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL selected by property, on the DataSource of {@code spring.datasource.*} of the test
 * server; backing off; start-up errors naming what is missing or wrong.
 */
class FlechePostgresAutoConfigurationTests {

	private final String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 8);

	private ApplicationContextRunner runner() {
		PostgresServer server = PostgresServer.shared();
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					FlechePostgresAutoConfiguration.class, FlecheStorageAutoConfiguration.class,
					FlecheLockAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + server.jdbcUrl(),
					"spring.datasource.username=" + PostgresServer.USER, "spring.datasource.hikari.maximum-pool-size=4");
	}

	@Test
	void storageTypePostgresStoresOnTheApplicationsDataSource() {
		runner().withPropertyValues("fleche.storage.type=postgres", "fleche.storage.postgres.schema=app_" + this.unique,
				"fleche.storage.postgres.table-prefix=cache").run((context) -> {
					assertThat(context).hasNotFailed().hasSingleBean(PostgresStore.class).hasSingleBean(CallStorage.class);
					ValueStorage values = context.getBean(ValueStorage.class);
					String key = values.save("shared").hex();
					assertThat(values.load(key.substring(0, 6), String.class)).isEqualTo("shared");
					try (var connection = PostgresServer.shared().connect();
							var statement = connection.createStatement();
							var rows = statement.executeQuery("SELECT count(*) FROM app_" + this.unique + ".cache_values")) {
						rows.next();
						assertThat(rows.getInt(1)).isEqualTo(1);
					}
				});
	}

	@Test
	void lockBackendPostgresGrantsThroughTheDatabase() {
		runner().withPropertyValues("fleche.lock.backend=postgres", "fleche.lock.postgres.table-prefix=locks_" + this.unique)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(LockService.class);
				LockService locks = context.getBean(LockService.class);
				try (LockHandle handle = locks.lock("autoconfigured").acquire()) {
					assertThat(locks.state("autoconfigured")).hasValueSatisfying((state) -> {
						assertThat(state.backend()).isEqualTo("postgres");
						assertThat(state.lastToken()).isEqualTo(handle.token());
					});
				}
			});
	}

	@Test
	void aUsersLockServiceMakesItBackOff() {
		runner().withPropertyValues("fleche.lock.backend=postgres")
			.withBean(LockService.class, dev.fleche.core.lock.support.LockServices::local)
			.run((context) -> assertThat(context.getBean(LockService.class).lock("x").acquire().isHeld()).isTrue());
	}

	@Test
	void withoutTheDriverSelectingPostgresFailsNamingTheDependency() {
		for (String property : new String[] { "fleche.lock.backend", "fleche.storage.type" }) {
			runner().withClassLoader(new FilteredClassLoader("org.postgresql"))
				.withPropertyValues(property + "=postgres")
				.run((context) -> assertThat(context).hasFailed()
					.getFailure()
					.rootCause()
					.hasMessageContaining(property + "=postgres")
					.hasMessageContaining("org.postgresql:postgresql"));
		}
	}

	@Test
	void anInjectableTablePrefixFailsNamingTheProperty() {
		runner().withPropertyValues("fleche.storage.type=postgres", "fleche.storage.postgres.table-prefix=x; DROP TABLE y")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("fleche.storage.postgres")
				.hasMessageContaining("x; DROP TABLE y"));
	}

}
