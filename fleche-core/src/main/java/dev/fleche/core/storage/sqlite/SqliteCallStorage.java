package dev.fleche.core.storage.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.fleche.core.call.Call;
import dev.fleche.core.call.CallTemplate;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.storage.CorruptEntryException;
import dev.fleche.core.storage.KeyNotFoundException;
import dev.fleche.core.storage.support.AbstractCallStorage;
import dev.fleche.core.storage.support.CallJson;
import dev.fleche.core.storage.support.Keys;
import tools.jackson.databind.JsonNode;

/**
 * Call records in SQLite: one row per call, its arguments and metadata namespaces in their own
 * indexed tables. Queries run in SQL; a record that cannot be read back is logged and skipped.
 */
final class SqliteCallStorage extends AbstractCallStorage {

	private static final Logger logger = LoggerFactory.getLogger(SqliteCallStorage.class);

	private final SqliteConnections connections;

	SqliteCallStorage(SqliteConnections connections) {
		this.connections = connections;
	}

	@Override
	public Digest save(Call call) {
		Digest key = call.key();
		this.connections.write(session -> {
			delete(session, key);
			{
				PreparedStatement insert = session.prepare("INSERT INTO fleche_calls (key, name, version, result) VALUES (?, ?, ?, ?)");
				insert.setString(1, key.hex());
				insert.setString(2, call.name());
				insert.setString(3, call.version());
				insert.setString(4, call.result().hex());
				insert.executeUpdate();
			}
			{
				PreparedStatement insert = session.prepare(
					"INSERT INTO fleche_call_arguments (call_key, position, name, digest) VALUES (?, ?, ?, ?)");
				int position = 0;
				for (Map.Entry<String, Digest> argument : call.arguments().entrySet()) {
					insert.setString(1, key.hex());
					insert.setInt(2, position++);
					insert.setString(3, argument.getKey());
					insert.setString(4, argument.getValue().hex());
					insert.addBatch();
				}
				insert.executeBatch();
			}
			{
				PreparedStatement insert = session.prepare("INSERT INTO fleche_call_metadata (call_key, namespace, json) VALUES (?, ?, ?)");
				for (Map.Entry<String, JsonNode> namespace : call.metadata().entrySet()) {
					insert.setString(1, key.hex());
					insert.setString(2, namespace.getKey());
					insert.setString(3, CanonicalJson.of(namespace.getValue()));
					insert.addBatch();
				}
				insert.executeBatch();
			}
			return null;
		});
		return key;
	}

	@Override
	public Call load(String digestOrPrefix) {
		Digest key = expand(digestOrPrefix);
		Call call = this.connections.read(session -> read(session, key));
		if (call == null) {
			throw new KeyNotFoundException(digestOrPrefix);
		}
		return call;
	}

	@Override
	public Digest result(String digestOrPrefix) {
		Digest key = expand(digestOrPrefix);
		String result = this.connections.read(session -> {
			PreparedStatement statement = session.prepare("SELECT result FROM fleche_calls WHERE key = ?");
			statement.setString(1, key.hex());
			try (ResultSet rows = statement.executeQuery()) {
				return rows.next() ? rows.getString(1) : null;
			}
		});
		if (result == null) {
			throw new KeyNotFoundException(digestOrPrefix);
		}
		if (!Digest.isFullDigest(result)) {
			throw new CorruptEntryException(key.hex() + " (in SQLite database " + this.connections.file() + ")",
					"result digest is not a digest: '" + result + "'");
		}
		return Digest.of(result);
	}

	@Override
	public List<Call> query(CallTemplate template) {
		SqliteQuery query = SqliteQuery.of(template);
		return this.connections.read(session -> {
			List<Digest> keys = new ArrayList<>();
			{
				PreparedStatement statement = session.prepare(query.sql());
				query.bind(statement);
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						keys.add(Digest.of(rows.getString(1)));
					}
				}
			}
			List<Call> calls = new ArrayList<>(keys.size());
			for (Digest key : keys) {
				try {
					Call call = read(session, key);
					if (call != null) {
						calls.add(call);
					}
				}
				catch (CorruptEntryException ex) {
					logger.warn("Skipping corrupt call record: {}", ex.getMessage());
				}
			}
			return calls;
		});
	}

	@Override
	public List<Digest> list() {
		return SqliteKeys.all(this.connections, "fleche_calls", "key");
	}

	@Override
	public Digest expand(String digestOrPrefix) {
		Keys.checkPrefix(digestOrPrefix);
		if (Digest.isFullDigest(digestOrPrefix)) {
			return Digest.of(digestOrPrefix);
		}
		return Keys.resolve(digestOrPrefix,
				SqliteKeys.matching(this.connections, "fleche_calls", "key", digestOrPrefix, 2), 2);
	}

	@Override
	public Map<Digest, String> shrink(Collection<Digest> keys) {
		return Keys.shrink(keys, list());
	}

	@Override
	public boolean contains(String digestOrPrefix) {
		try {
			Digest key = expand(digestOrPrefix);
			return this.connections.read(session -> {
				{
				PreparedStatement statement = session.prepare("SELECT 1 FROM fleche_calls WHERE key = ?");
					statement.setString(1, key.hex());
					try (ResultSet rows = statement.executeQuery()) {
						return rows.next();
					}
				}
			});
		}
		catch (KeyNotFoundException ex) {
			return false;
		}
	}

	@Override
	public void evict(String digestOrPrefix) {
		Digest key;
		try {
			key = expand(digestOrPrefix);
		}
		catch (KeyNotFoundException ex) {
			return;
		}
		this.connections.write(session -> {
			delete(session, key);
			return null;
		});
	}

	@Override
	public long storedSize(Digest key) {
		return this.connections.read(session -> {
			PreparedStatement statement = session.prepare("SELECT length(key) + length(name) + length(version) + length(result)"
					+ " + (SELECT coalesce(sum(length(name) + length(digest) + 8), 0) FROM fleche_call_arguments WHERE call_key = ?1)"
					+ " + (SELECT coalesce(sum(length(namespace) + length(json)), 0) FROM fleche_call_metadata WHERE call_key = ?1)"
					+ " FROM fleche_calls WHERE key = ?1");
			statement.setString(1, key.hex());
			try (ResultSet rows = statement.executeQuery()) {
				return rows.next() ? rows.getLong(1) : -1L;
			}
		});
	}

	private static void delete(SqliteSession session, Digest key) throws SQLException {
		for (String sql : new String[] { "DELETE FROM fleche_call_arguments WHERE call_key = ?",
				"DELETE FROM fleche_call_metadata WHERE call_key = ?", "DELETE FROM fleche_calls WHERE key = ?" }) {
			{
				PreparedStatement statement = session.prepare(sql);
				statement.setString(1, key.hex());
				statement.executeUpdate();
			}
		}
	}

	private Call read(SqliteSession session, Digest key) throws SQLException {
		String name;
		String version;
		String result;
		{
				PreparedStatement statement = session.prepare("SELECT name, version, result FROM fleche_calls WHERE key = ?");
			statement.setString(1, key.hex());
			try (ResultSet rows = statement.executeQuery()) {
				if (!rows.next()) {
					return null;
				}
				name = rows.getString(1);
				version = rows.getString(2);
				result = rows.getString(3);
			}
		}
		String where = key.hex() + " (in SQLite database " + this.connections.file() + ")";
		try {
			Map<String, Digest> arguments = new LinkedHashMap<>();
			{
				PreparedStatement statement = session.prepare(
					"SELECT name, digest FROM fleche_call_arguments WHERE call_key = ? ORDER BY position");
				statement.setString(1, key.hex());
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						arguments.put(rows.getString(1), Digest.of(rows.getString(2)));
					}
				}
			}
			Map<String, JsonNode> metadata = new LinkedHashMap<>();
			{
				PreparedStatement statement = session.prepare("SELECT namespace, json FROM fleche_call_metadata WHERE call_key = ?");
				statement.setString(1, key.hex());
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						metadata.put(rows.getString(1), CallJson.parse(rows.getString(2)));
					}
				}
			}
			return new Call(name, version, arguments, Digest.of(result), metadata);
		}
		catch (RuntimeException ex) {
			throw new CorruptEntryException(where, "call record cannot be read: " + ex.getMessage(), ex);
		}
	}

}
