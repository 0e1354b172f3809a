package dev.fleche.core.storage.postgres;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.digest.Digest;
import dev.fleche.core.storage.support.ByteStore;

/**
 * Values as {@code bytea} rows by digest.
 */
final class PostgresByteStore implements ByteStore {

	private final PostgresConnections connections;

	private final String table;

	private final PostgresKeys keys;

	PostgresByteStore(PostgresConnections connections, String table) {
		this.connections = connections;
		this.table = table;
		this.keys = new PostgresKeys(connections, table, "digest");
	}

	@Override
	public void put(Digest key, byte[] bytes) {
		this.connections.run(connection -> {
			try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + this.table
					+ " (digest, bytes) VALUES (?, ?) ON CONFLICT (digest) DO UPDATE SET bytes = excluded.bytes")) {
				statement.setString(1, key.hex());
				statement.setBytes(2, bytes);
				return statement.executeUpdate();
			}
		});
	}

	@Override
	public byte @Nullable [] get(Digest key) {
		return this.connections.run(connection -> {
			try (PreparedStatement statement = connection.prepareStatement("SELECT bytes FROM " + this.table
					+ " WHERE digest = ?")) {
				statement.setString(1, key.hex());
				try (ResultSet rows = statement.executeQuery()) {
					return rows.next() ? rows.getBytes(1) : null;
				}
			}
		});
	}

	@Override
	public boolean remove(Digest key) {
		return this.connections.run(connection -> {
			try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + this.table
					+ " WHERE digest = ?")) {
				statement.setString(1, key.hex());
				return statement.executeUpdate() > 0;
			}
		});
	}

	@Override
	public boolean contains(Digest key) {
		return this.connections.run(connection -> {
			try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM " + this.table
					+ " WHERE digest = ?")) {
				statement.setString(1, key.hex());
				try (ResultSet rows = statement.executeQuery()) {
					return rows.next();
				}
			}
		});
	}

	@Override
	public List<Digest> keys() {
		return this.keys.all();
	}

	@Override
	public List<Digest> matching(String prefix, int limit) {
		return this.keys.matching(prefix, limit);
	}

	@Override
	public String describe(Digest key) {
		return key.hex() + " (in PostgreSQL table " + this.table + " of " + this.connections.where() + ")";
	}

}
