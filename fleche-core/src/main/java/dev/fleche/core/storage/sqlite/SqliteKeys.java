package dev.fleche.core.storage.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import dev.fleche.core.digest.Digest;

/**
 * Key listings and indexed prefix lookups on a table's digest column.
 */
final class SqliteKeys {

	private SqliteKeys() {
	}

	static List<Digest> all(SqliteConnections connections, String table, String column) {
		return connections.read(session -> {
			List<Digest> keys = new ArrayList<>();
			try (Statement statement = session.connection().createStatement();
					ResultSet rows = statement.executeQuery("SELECT " + column + " FROM " + table + " ORDER BY " + column)) {
				while (rows.next()) {
					keys.add(Digest.of(rows.getString(1)));
				}
			}
			return keys;
		});
	}

	/** The smallest keys starting with {@code prefix}: a range scan on the primary key index. */
	static List<Digest> matching(SqliteConnections connections, String table, String column, String prefix, int limit) {
		return connections.read(session -> {
			List<Digest> keys = new ArrayList<>(limit);
			{
				PreparedStatement statement = session.prepare("SELECT " + column + " FROM " + table
					+ " WHERE " + column + " >= ? AND " + column + " < ? ORDER BY " + column + " LIMIT ?");
				statement.setString(1, prefix);
				statement.setString(2, prefix + "g");
				statement.setInt(3, limit);
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						keys.add(Digest.of(rows.getString(1)));
					}
				}
			}
			return keys;
		});
	}

}
