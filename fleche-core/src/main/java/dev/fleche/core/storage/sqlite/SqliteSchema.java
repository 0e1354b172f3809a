package dev.fleche.core.storage.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import dev.fleche.core.storage.StorageException;

/**
 * The tables of a store, created on open and versioned by {@code PRAGMA user_version}.
 */
final class SqliteSchema {

	/** The schema version this code writes. */
	static final int VERSION = 2;

	private static final String[] STATEMENTS = {
			"CREATE TABLE IF NOT EXISTS fleche_values (digest TEXT PRIMARY KEY, bytes BLOB NOT NULL) WITHOUT ROWID",
			"CREATE TABLE IF NOT EXISTS fleche_calls (key TEXT PRIMARY KEY, name TEXT NOT NULL, version TEXT NOT NULL, "
					+ "result TEXT NOT NULL, signature BLOB) WITHOUT ROWID",
			"CREATE INDEX IF NOT EXISTS fleche_calls_name ON fleche_calls (name, version)",
			"CREATE INDEX IF NOT EXISTS fleche_calls_result ON fleche_calls (result)",
			"CREATE TABLE IF NOT EXISTS fleche_call_arguments (call_key TEXT NOT NULL, position INTEGER NOT NULL, "
					+ "name TEXT NOT NULL, digest TEXT NOT NULL, PRIMARY KEY (call_key, position)) WITHOUT ROWID",
			"CREATE INDEX IF NOT EXISTS fleche_call_arguments_value ON fleche_call_arguments (name, digest)",
			"CREATE TABLE IF NOT EXISTS fleche_call_metadata (call_key TEXT NOT NULL, namespace TEXT NOT NULL, "
					+ "json TEXT NOT NULL, PRIMARY KEY (call_key, namespace)) WITHOUT ROWID",
			"CREATE INDEX IF NOT EXISTS fleche_call_metadata_namespace ON fleche_call_metadata (namespace, json)" };

	private SqliteSchema() {
	}

	/**
	 * Checks the SQLite library version, creates the tables if missing; refuses a database written by
	 * a newer schema.
	 */
	static void create(SqliteConnections connections) {
		connections.write(session -> {
			SqliteVersion.check(sqliteVersion(session.connection()), session.connection().getMetaData().getDriverVersion());
			int version = userVersion(session.connection());
			if (version > VERSION) {
				throw new StorageException("SQLite store " + connections.file() + " has schema version " + version
						+ ", newer than this Fleche understands (" + VERSION + ")");
			}
			try (Statement statement = session.connection().createStatement()) {
				for (String sql : STATEMENTS) {
					statement.execute(sql);
				}
				if (!hasColumn(session.connection(), "fleche_calls", "signature")) {
					// schema 1: call records had no signature
					statement.execute("ALTER TABLE fleche_calls ADD COLUMN signature BLOB");
				}
				statement.execute("PRAGMA user_version = " + VERSION);
			}
			return null;
		});
	}

	private static boolean hasColumn(Connection connection, String table, String column) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("PRAGMA table_info(" + table + ")")) {
			while (rows.next()) {
				if (column.equalsIgnoreCase(rows.getString("name"))) {
					return true;
				}
			}
			return false;
		}
	}

	private static String sqliteVersion(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT sqlite_version()")) {
			return rows.next() ? rows.getString(1) : "unknown";
		}
	}

	private static int userVersion(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("PRAGMA user_version")) {
			return rows.next() ? rows.getInt(1) : 0;
		}
	}

}
