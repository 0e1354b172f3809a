package dev.fleche.core.storage.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.fleche.core.call.Call;
import dev.fleche.core.call.CallTemplate;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.storage.CorruptEntryException;
import dev.fleche.core.storage.KeyNotFoundException;
import dev.fleche.core.storage.codec.EntryCodec;
import dev.fleche.core.storage.support.AbstractCallStorage;
import dev.fleche.core.storage.support.CallJson;
import dev.fleche.core.storage.support.Keys;
import dev.fleche.core.storage.support.TransformPlan;

/**
 * Call records in PostgreSQL: one row per call holding the record as saved and the columns queries
 * filter on. A save is one upsert; a load, and a query, one statement (one snapshot), so a read
 * sees exactly one saved version of each call; a transform one transaction that locks the table
 * against other writers from its snapshot to its last write. Prefix expansion is an index range
 * scan with {@code LIMIT 2}.
 */
final class PostgresCallStorage extends AbstractCallStorage {

	private static final Logger logger = LoggerFactory.getLogger(PostgresCallStorage.class);

	private final PostgresConnections connections;

	private final String table;

	private final PostgresKeys keys;

	private final String upsert;

	private static final String FORMAT = "call-json";

	private final EntryCodec codec;

	PostgresCallStorage(PostgresConnections connections, String table, EntryCodec codec) {
		this.connections = connections;
		this.codec = codec;
		this.table = table;
		this.keys = new PostgresKeys(connections, table, "key");
		this.upsert = "INSERT INTO " + table + " (key, name, version, result, arguments, metadata, record)"
				+ " VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?) ON CONFLICT (key) DO UPDATE SET name = excluded.name,"
				+ " version = excluded.version, result = excluded.result, arguments = excluded.arguments,"
				+ " metadata = excluded.metadata, record = excluded.record";
	}

	@Override
	public Digest save(Call call) {
		try {
			this.connections.run(connection -> write(connection, call));
		}
		catch (RuntimeException ex) {
			throw new dev.fleche.core.storage.SaveException("Cannot write call " + call.key() + ": " + ex.getMessage(), ex);
		}
		return call.key();
	}

	private int write(Connection connection, Call call) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(this.upsert)) {
			statement.setString(1, call.key().hex());
			statement.setString(2, call.name());
			statement.setString(3, call.version());
			statement.setString(4, call.result().hex());
			statement.setString(5, PostgresQuery.argumentsJson(call));
			statement.setString(6, PostgresQuery.metadataJson(call));
			statement.setBytes(7, this.codec.encode(call.key(), FORMAT, CallJson.write(call)));
			return statement.executeUpdate();
		}
	}

	@Override
	public Call load(String digestOrPrefix) {
		Digest key = expand(digestOrPrefix);
		byte[] record = this.connections.run(connection -> {
			try (PreparedStatement statement = connection.prepareStatement("SELECT record FROM " + this.table
					+ " WHERE key = ?")) {
				statement.setString(1, key.hex());
				try (ResultSet rows = statement.executeQuery()) {
					return rows.next() ? rows.getBytes(1) : null;
				}
			}
		});
		if (record == null) {
			throw new KeyNotFoundException(digestOrPrefix);
		}
		return read(key, record);
	}

	@Override
	public Digest result(String digestOrPrefix) {
		Digest key = expand(digestOrPrefix);
		if (this.codec.isSigned()) {
			// the result column is not signed; the record is
			return load(key.hex()).result();
		}
		String result = this.connections.run(connection -> {
			try (PreparedStatement statement = connection.prepareStatement("SELECT result FROM " + this.table
					+ " WHERE key = ?")) {
				statement.setString(1, key.hex());
				try (ResultSet rows = statement.executeQuery()) {
					return rows.next() ? rows.getString(1) : null;
				}
			}
		});
		if (result == null) {
			throw new KeyNotFoundException(digestOrPrefix);
		}
		if (!Digest.isFullDigest(result)) {
			throw new CorruptEntryException(where(key), "result digest is not a digest: '" + result + "'");
		}
		return Digest.of(result);
	}

	@Override
	public List<Call> query(CallTemplate template) {
		PostgresQuery query = PostgresQuery.of(template, this.table);
		return this.connections.run(connection -> {
			List<Call> calls = new ArrayList<>();
			try (PreparedStatement statement = connection.prepareStatement(query.sql())) {
				query.bind(statement);
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						try {
							Call call = read(Digest.of(rows.getString(1)), rows.getBytes(2));
							if (query.accepts(call)) {
								calls.add(call);
							}
						}
						catch (CorruptEntryException ex) {
							logger.warn("Skipping corrupt call record: {}", ex.getMessage());
						}
					}
				}
			}
			return calls;
		});
	}

	/**
	 * One transaction: the table locked against other writers (readers go on), the snapshot, the
	 * function over it, the checks and every write. The function runs inside it, so it may read
	 * this store but must not write to it.
	 */
	@Override
	public Map<Digest, Digest> transform(UnaryOperator<Call> fn) {
		return this.connections.write(connection -> {
			try (Statement lock = connection.createStatement()) {
				lock.execute("LOCK TABLE " + this.table + " IN SHARE ROW EXCLUSIVE MODE");
			}
			Map<Digest, Call> snapshot = new LinkedHashMap<>();
			List<Digest> unreadable = new ArrayList<>();
			try (PreparedStatement statement = connection.prepareStatement("SELECT key, record FROM " + this.table
					+ " ORDER BY key"); ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					Digest key = Digest.of(rows.getString(1));
					try {
						snapshot.put(key, read(key, rows.getBytes(2)));
					}
					catch (CorruptEntryException ex) {
						logger.warn("transform leaves a corrupt call record where it is: {}", ex.getMessage());
						unreadable.add(key);
					}
				}
			}
			TransformPlan plan = TransformPlan.of(snapshot, unreadable, fn);
			for (Call call : plan.saves()) {
				write(connection, call);
			}
			try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + this.table + " WHERE key = ?")) {
				for (Digest key : plan.evictions()) {
					delete.setString(1, key.hex());
					delete.addBatch();
				}
				delete.executeBatch();
			}
			return plan.moved();
		});
	}

	@Override
	public List<Digest> list() {
		return this.keys.all();
	}

	@Override
	public Digest expand(String digestOrPrefix) {
		Keys.checkPrefix(digestOrPrefix);
		if (Digest.isFullDigest(digestOrPrefix)) {
			return Digest.of(digestOrPrefix);
		}
		return Keys.resolve(digestOrPrefix, this.keys.matching(digestOrPrefix, 2), 2);
	}

	@Override
	public Map<Digest, String> shrink(Collection<Digest> keys) {
		return Keys.shrink(keys, list());
	}

	@Override
	public boolean contains(String digestOrPrefix) {
		if (Keys.tooShort(digestOrPrefix)) {
			return false;
		}
		try {
			Digest key = expand(digestOrPrefix);
			return this.connections.run(connection -> {
				try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM " + this.table
						+ " WHERE key = ?")) {
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
		this.connections.run(connection -> {
			try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + this.table
					+ " WHERE key = ?")) {
				statement.setString(1, key.hex());
				return statement.executeUpdate();
			}
		});
	}

	/** Verifies (when signed) and reads a stored record; a record moved to another key fails. */
	private Call read(Digest key, byte[] record) {
		String where = where(key);
		EntryCodec.Decoded decoded = this.codec.decode(key, record, where);
		Call call;
		try {
			call = CallJson.read(decoded.payload());
		}
		catch (RuntimeException | StackOverflowError ex) {
			throw new CorruptEntryException(where, "call record cannot be read: " + ex.getMessage(), ex);
		}
		if (!call.key().equals(key)) {
			throw new CorruptEntryException(where, "the record stored under this key is the call " + call.key());
		}
		return call;
	}

	@Override
	public long storedSize(Digest key) {
		Long size = this.connections.run(connection -> {
			try (PreparedStatement statement = connection.prepareStatement("SELECT octet_length(record)"
					+ " + octet_length(arguments::text) + octet_length(metadata::text) + 64 FROM " + this.table
					+ " WHERE key = ?")) {
				statement.setString(1, key.hex());
				try (ResultSet rows = statement.executeQuery()) {
					return rows.next() ? rows.getLong(1) : null;
				}
			}
		});
		return (size != null) ? size : -1;
	}

	private String where(Digest key) {
		return key.hex() + " (in PostgreSQL table " + this.table + " of " + this.connections.where() + ")";
	}

}
