package dev.fleche.core.storage.postgres;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import dev.fleche.core.digest.Digest;

/**
 * Key listings of one table: all keys, and the keys in a prefix's range (an index range scan:
 * {@code key >= prefix AND key < prefix || 'g'}, since keys are lowercase hex in the "C" collation).
 */
final class PostgresKeys {

	private final PostgresConnections connections;

	private final String all;

	private final String matching;

	PostgresKeys(PostgresConnections connections, String table, String column) {
		this.connections = connections;
		this.all = "SELECT " + column + " FROM " + table + " ORDER BY " + column;
		this.matching = "SELECT " + column + " FROM " + table + " WHERE " + column + " >= ? AND " + column + " < ?"
				+ " ORDER BY " + column + " LIMIT ?";
	}

	List<Digest> all() {
		return this.connections.run(connection -> {
			List<Digest> keys = new ArrayList<>();
			try (PreparedStatement statement = connection.prepareStatement(this.all);
					ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					keys.add(Digest.of(rows.getString(1)));
				}
			}
			return keys;
		});
	}

	List<Digest> matching(String prefix, int limit) {
		return this.connections.run(connection -> {
			List<Digest> keys = new ArrayList<>();
			try (PreparedStatement statement = connection.prepareStatement(this.matching)) {
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
