package dev.fleche.autoconfigure.postgres;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import dev.fleche.autoconfigure.FlecheProperties;
import dev.fleche.autoconfigure.FlecheSettings;
import dev.fleche.autoconfigure.PostgresLockProperties;
import dev.fleche.autoconfigure.PostgresStorageProperties;
import dev.fleche.autoconfigure.lock.FlecheLockAutoConfiguration;
import dev.fleche.autoconfigure.storage.FlecheStorageAutoConfiguration;
import dev.fleche.autoconfigure.storage.StorageProxies;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.postgres.PostgresLockBackend;
import dev.fleche.core.lock.postgres.PostgresLockSettings;
import dev.fleche.core.lock.support.LockServices;
import dev.fleche.core.postgres.ConnectionFactory;
import dev.fleche.core.serial.Serializer;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.storage.codec.EntryCodec;
import dev.fleche.core.storage.postgres.PostgresStore;
import dev.fleche.core.storage.postgres.PostgresStoreSettings;

/**
 * PostgreSQL for locks ({@code fleche.lock.backend=postgres}) and storage
 * ({@code fleche.storage.type=postgres}) on the application's {@link DataSource}. The lock
 * backend's one dedicated session connection is opened from the same settings
 * ({@code spring.datasource.*}, through {@link JdbcConnectionDetails} or
 * {@link DataSourceProperties}), or from a {@link ConnectionFactory} bean. Without the driver,
 * selecting PostgreSQL is a start-up error naming the dependency.
 */
@AutoConfiguration(before = { FlecheLockAutoConfiguration.class, FlecheStorageAutoConfiguration.class },
		afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@EnableConfigurationProperties(FlecheProperties.class)
public final class FlechePostgresAutoConfiguration {

	private static final String DRIVER = "org.postgresql.Driver";

	private static final String JDBC = "org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { DRIVER, JDBC })
	@ConditionalOnProperty(name = "fleche.lock.backend", havingValue = "postgres")
	@ConditionalOnBooleanProperty(name = "fleche.lock.enabled", matchIfMissing = true)
	static class LockConfiguration {

		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean
		LockService flecheLockService(FlecheProperties properties, ObjectProvider<DataSource> dataSource,
				ObjectProvider<ConnectionFactory> connectionFactory, ObjectProvider<JdbcConnectionDetails> details,
				ObjectProvider<DataSourceProperties> dataSourceProperties) {
			FlecheSettings.checkLockDurations(properties.getLock());
			PostgresLockProperties postgres = properties.getLock().getPostgres();
			PostgresLockSettings settings = new PostgresLockSettings(
					PostgresRequirements.names("fleche.lock.postgres", postgres.getSchema(), postgres.getTablePrefix()),
					PostgresRequirements.initialize(postgres.getInitializeSchema()), postgres.getSafetyRecheck(),
					PostgresLockSettings.defaults().reconnectDelay());
			DataSource source = dataSource.getIfAvailable();
			if (source == null) {
				throw new IllegalStateException("fleche.lock.backend=postgres needs a DataSource: set spring.datasource.url "
						+ "(and add spring-boot-starter-jdbc)");
			}
			ConnectionFactory sessions = connectionFactory.getIfAvailable(
					() -> sessionConnections(details.getIfAvailable(), dataSourceProperties.getIfAvailable()));
			return LockServices.create(PostgresLockBackend.open(source, sessions, settings));
		}

		private static ConnectionFactory sessionConnections(JdbcConnectionDetails details,
				DataSourceProperties dataSourceProperties) {
			if (details != null) {
				return ConnectionFactory.of(details.getJdbcUrl(), details.getUsername(), details.getPassword());
			}
			if (dataSourceProperties != null && dataSourceProperties.getUrl() != null) {
				return ConnectionFactory.of(dataSourceProperties.determineUrl(), dataSourceProperties.determineUsername(),
						dataSourceProperties.determinePassword());
			}
			throw new IllegalStateException("fleche.lock.backend=postgres opens its lock-session connection from "
					+ "spring.datasource.url/username/password; set them, or define a "
					+ ConnectionFactory.class.getName() + " bean");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = DRIVER)
	@ConditionalOnProperty(name = "fleche.storage.type", havingValue = "postgres")
	static class StorageConfiguration {

		@Bean
		@ConditionalOnMissingBean
		PostgresStore flechePostgresStore(FlecheProperties properties, ObjectProvider<DataSource> dataSource,
				Serializer serializer, EntryCodec codec) {
			PostgresStorageProperties postgres = properties.getStorage().getPostgres();
			DataSource source = dataSource.getIfAvailable();
			if (source == null) {
				throw new IllegalStateException("fleche.storage.type=postgres needs a DataSource: set "
						+ "spring.datasource.url (and add spring-boot-starter-jdbc)");
			}
			PostgresStoreSettings settings = new PostgresStoreSettings(
					PostgresRequirements.names("fleche.storage.postgres", postgres.getSchema(), postgres.getTablePrefix()),
					PostgresRequirements.initialize(postgres.getInitializeSchema()));
			return PostgresStore.open(source, settings, serializer, codec);
		}

		@Bean
		@ConditionalOnMissingBean
		ValueStorage flecheValueStorage(PostgresStore store, FlecheProperties properties) {
			return StorageProxies.wrap(ValueStorage.class, store.values(), properties.getStorage().getLocking());
		}

		@Bean
		@ConditionalOnMissingBean
		CallStorage flecheCallStorage(PostgresStore store, FlecheProperties properties) {
			return StorageProxies.wrap(CallStorage.class, store.calls(), properties.getStorage().getLocking());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass(DRIVER)
	@Conditional(PostgresSelected.class)
	static class MissingDriverConfiguration {

		@Bean
		Object flechePostgresDriverCheck(FlecheProperties properties) {
			throw PostgresRequirements.missing(
					(properties.getStorage().getType() == FlecheProperties.StorageType.POSTGRES) ? "fleche.storage.type"
							: "fleche.lock.backend");
		}

	}

	/** Matches when locks or storage select PostgreSQL. */
	static final class PostgresSelected extends AnyNestedCondition {

		PostgresSelected() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty(name = "fleche.lock.backend", havingValue = "postgres")
		static final class Locks {

		}

		@ConditionalOnProperty(name = "fleche.storage.type", havingValue = "postgres")
		static final class Storage {

		}

	}

}
