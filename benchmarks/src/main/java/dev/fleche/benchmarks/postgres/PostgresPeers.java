package dev.fleche.benchmarks.postgres;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.locks.Lock;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.postgres.PostgresLockBackend;
import dev.fleche.core.lock.postgres.PostgresLockSettings;
import dev.fleche.core.lock.support.LockServices;
import dev.fleche.core.postgres.ConnectionFactory;
import dev.fleche.core.testsupport.PostgresServer;

/**
 * One PostgreSQL server for a benchmark run (the tests' server, started here, or the one of
 * {@code -Dfleche.bench.jdbcUrl}), and our lock service and the peers on it, each on a pool of
 * its own.
 */
final class PostgresPeers implements AutoCloseable {

	private final PostgresServer server;

	private final String url;

	private final java.util.List<AutoCloseable> closeables = new java.util.ArrayList<>();

	PostgresPeers() throws Exception {
		String given = System.getProperty("fleche.bench.jdbcUrl");
		this.server = (given == null) ? PostgresServer.start() : null;
		this.url = (given == null) ? this.server.jdbcUrl() : given;
		try (Connection connection = pool(1).getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE IF NOT EXISTS int_lock (lock_key CHAR(36) NOT NULL, region VARCHAR(100) NOT NULL,"
					+ " client_id CHAR(36), created_date TIMESTAMP NOT NULL, expired_after TIMESTAMP NOT NULL,"
					+ " CONSTRAINT int_lock_pk PRIMARY KEY (lock_key, region))");
			statement.execute("CREATE TABLE IF NOT EXISTS shedlock (name VARCHAR(64) NOT NULL, lock_until TIMESTAMP NOT NULL,"
					+ " locked_at TIMESTAMP NOT NULL, locked_by VARCHAR(255) NOT NULL, PRIMARY KEY (name))");
		}
	}

	HikariDataSource pool(int size) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(this.url);
		config.setUsername(PostgresServer.USER);
		config.setMaximumPoolSize(size);
		HikariDataSource pool = new HikariDataSource(config);
		this.closeables.add(pool);
		return pool;
	}

	/** Our lock service: a backend with its own lock session. */
	LockService fleche() {
		LockService service = LockServices.create(PostgresLockBackend.open(pool(4),
				ConnectionFactory.of(this.url, PostgresServer.USER, null), PostgresLockSettings.defaults()));
		this.closeables.add(0, service);
		return service;
	}

	/** Spring Integration's registry with its defaults (100 ms between tries), as one client. */
	JdbcLockRegistry jdbcLockRegistry() {
		HikariDataSource pool = pool(2);
		DefaultLockRepository repository = new DefaultLockRepository(pool);
		repository.setTransactionManager(new DataSourceTransactionManager(pool));
		repository.afterPropertiesSet();
		repository.afterSingletonsInstantiated();
		return new JdbcLockRegistry(repository);
	}

	/** ShedLock's JDBC provider with the database's clock. */
	JdbcTemplateLockProvider shedLock() {
		return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(new JdbcTemplate(pool(2)))
			.usingDbTime()
			.build());
	}

	static void lockAndUnlock(Lock lock) {
		lock.lock();
		lock.unlock();
	}

	static final Duration AT_MOST = Duration.ofMinutes(1);

	@Override
	public void close() throws Exception {
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
		if (this.server != null) {
			this.server.close();
		}
	}

}
