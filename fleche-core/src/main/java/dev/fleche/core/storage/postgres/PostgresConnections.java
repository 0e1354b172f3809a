package dev.fleche.core.storage.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import dev.fleche.core.storage.StorageException;

/**
 * Connections of the store from a data source (the application's pool): single statements in
 * auto-commit, and transactions that read one snapshot or write atomically.
 */
final class PostgresConnections {

	private final DataSource dataSource;

	private final String where;

	PostgresConnections(DataSource dataSource, String where) {
		this.dataSource = dataSource;
		this.where = where;
	}

	String where() {
		return this.where;
	}

	/** Runs {@code work} in auto-commit. */
	<T> T run(SqlWork<T> work) {
		try (Connection connection = this.dataSource.getConnection()) {
			return work.run(connection);
		}
		catch (SQLException ex) {
			throw new StorageException("PostgreSQL store " + this.where + " failed: " + ex.getMessage(), ex);
		}
	}

	/** Runs {@code work} in one read-only transaction at repeatable read: one snapshot. */
	<T> T snapshot(SqlWork<T> work) {
		return transaction(work, true);
	}

	/** Runs {@code work} in one read-write transaction. */
	<T> T write(SqlWork<T> work) {
		return transaction(work, false);
	}

	private <T> T transaction(SqlWork<T> work, boolean snapshot) {
		try (Connection connection = this.dataSource.getConnection()) {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(false);
			try {
				if (snapshot) {
					try (Statement statement = connection.createStatement()) {
						statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
					}
				}
				T result = work.run(connection);
				connection.commit();
				return result;
			}
			catch (SQLException | RuntimeException ex) {
				connection.rollback();
				throw ex;
			}
			finally {
				connection.setAutoCommit(autoCommit);
			}
		}
		catch (SQLException ex) {
			throw new StorageException("PostgreSQL store " + this.where + " failed: " + ex.getMessage(), ex);
		}
	}

}
