package dev.fleche.core.storage.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * One pooled connection with its prepared statements, compiled once and reused: callers get a
 * statement with cleared parameters and must not close it (they close their result sets).
 */
final class SqliteSession {

	private final Connection connection;

	private final Map<String, PreparedStatement> statements = new HashMap<>();

	private final int generation;

	SqliteSession(Connection connection, int generation) {
		this.connection = connection;
		this.generation = generation;
	}

	/** The pool generation this connection was opened in. */
	int generation() {
		return this.generation;
	}

	Connection connection() {
		return this.connection;
	}

	/** The most statements kept per connection; queries of many shapes start the cache afresh. */
	private static final int MAX_STATEMENTS = 128;

	/** The cached statement for {@code sql}, parameters cleared. */
	PreparedStatement prepare(String sql) throws SQLException {
		PreparedStatement statement = this.statements.get(sql);
		if (statement == null) {
			if (this.statements.size() >= MAX_STATEMENTS) {
				closeStatements();
			}
			statement = this.connection.prepareStatement(sql);
			this.statements.put(sql, statement);
		}
		else {
			statement.clearParameters();
		}
		return statement;
	}

	void close() {
		closeStatements();
		try {
			this.connection.close();
		}
		catch (SQLException ex) {
			// closing a failed connection; nothing more to do
		}
	}

	private void closeStatements() {
		for (PreparedStatement statement : this.statements.values()) {
			try {
				statement.close();
			}
			catch (SQLException ex) {
				// closing anyway
			}
		}
		this.statements.clear();
	}

}
