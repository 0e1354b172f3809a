package dev.fleche.core.storage.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.digest.Digest;
import dev.fleche.core.storage.support.ByteStore;

/**
 * Value bytes in the {@code fleche_values} table; prefix lookups are indexed range scans.
 */
final class SqliteByteStore implements ByteStore {

	private final SqliteConnections connections;

	SqliteByteStore(SqliteConnections connections) {
		this.connections = connections;
	}

	@Override
	public void put(Digest key, byte[] bytes) {
		this.connections.write(session -> {
			{
				PreparedStatement statement = session.prepare("INSERT OR REPLACE INTO fleche_values (digest, bytes) VALUES (?, ?)");
				statement.setString(1, key.hex());
				statement.setBytes(2, bytes);
				statement.executeUpdate();
			}
			return null;
		});
	}

	@Override
	public byte @Nullable [] get(Digest key) {
		return this.connections.read(session -> {
			{
				PreparedStatement statement = session.prepare("SELECT bytes FROM fleche_values WHERE digest = ?");
				statement.setString(1, key.hex());
				try (ResultSet rows = statement.executeQuery()) {
					return rows.next() ? rows.getBytes(1) : null;
				}
			}
		});
	}

	@Override
	public boolean remove(Digest key) {
		return this.connections.write(session -> {
			{
				PreparedStatement statement = session.prepare("DELETE FROM fleche_values WHERE digest = ?");
				statement.setString(1, key.hex());
				return statement.executeUpdate() > 0;
			}
		});
	}

	@Override
	public boolean contains(Digest key) {
		return this.connections.read(session -> {
			{
				PreparedStatement statement = session.prepare("SELECT 1 FROM fleche_values WHERE digest = ?");
				statement.setString(1, key.hex());
				try (ResultSet rows = statement.executeQuery()) {
					return rows.next();
				}
			}
		});
	}

	@Override
	public List<Digest> keys() {
		return SqliteKeys.all(this.connections, "fleche_values", "digest");
	}

	@Override
	public List<Digest> matching(String prefix, int limit) {
		return SqliteKeys.matching(this.connections, "fleche_values", "digest", prefix, limit);
	}

	@Override
	public String describe(Digest key) {
		return key.hex() + " (in SQLite database " + this.connections.file() + ")";
	}

}
