package dev.fleche.core.storage.sqlite;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.call.Call;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.storage.CorruptEntryException;
import dev.fleche.core.storage.codec.CallRecordSigner;
import dev.fleche.core.storage.support.CallJson;
import tools.jackson.databind.JsonNode;

/**
 * The rows of one call record (its row in {@code fleche_calls}, its arguments and its metadata
 * namespaces), read and written on a session the caller holds in a transaction.
 */
final class SqliteCallRows {

	private SqliteCallRows() {
	}

	/** Writes {@code call} under its key, signed by {@code signer}, replacing what was there. */
	static void insert(SqliteSession session, Call call, CallRecordSigner signer) throws SQLException {
		Digest key = call.key();
		Map<String, String> metadataJson = new LinkedHashMap<>();
		call.metadata().forEach((namespace, value) -> metadataJson.put(namespace, CanonicalJson.of(value)));
		byte[] signature = signer.sign(key, call, metadataJson);
		delete(session, key);
		PreparedStatement row = session
			.prepare("INSERT INTO fleche_calls (key, name, version, result, signature) VALUES (?, ?, ?, ?, ?)");
		row.setString(1, key.hex());
		row.setString(2, call.name());
		row.setString(3, call.version());
		row.setString(4, call.result().hex());
		row.setBytes(5, signature);
		row.executeUpdate();
		PreparedStatement arguments = session
			.prepare("INSERT INTO fleche_call_arguments (call_key, position, name, digest) VALUES (?, ?, ?, ?)");
		int position = 0;
		for (Map.Entry<String, Digest> argument : call.arguments().entrySet()) {
			arguments.setString(1, key.hex());
			arguments.setInt(2, position++);
			arguments.setString(3, argument.getKey());
			arguments.setString(4, argument.getValue().hex());
			arguments.addBatch();
		}
		arguments.executeBatch();
		PreparedStatement metadata = session
			.prepare("INSERT INTO fleche_call_metadata (call_key, namespace, json) VALUES (?, ?, ?)");
		for (Map.Entry<String, String> namespace : metadataJson.entrySet()) {
			metadata.setString(1, key.hex());
			metadata.setString(2, namespace.getKey());
			metadata.setString(3, namespace.getValue());
			metadata.addBatch();
		}
		metadata.executeBatch();
	}

	/** Removes the record under {@code key}, if any. */
	static void delete(SqliteSession session, Digest key) throws SQLException {
		for (String sql : new String[] { "DELETE FROM fleche_call_arguments WHERE call_key = ?",
				"DELETE FROM fleche_call_metadata WHERE call_key = ?", "DELETE FROM fleche_calls WHERE key = ?" }) {
			PreparedStatement statement = session.prepare(sql);
			statement.setString(1, key.hex());
			statement.executeUpdate();
		}
	}

	/** Every stored key, ascending. */
	static List<Digest> keys(SqliteSession session) throws SQLException {
		List<Digest> keys = new ArrayList<>();
		PreparedStatement statement = session.prepare("SELECT key FROM fleche_calls ORDER BY key");
		try (ResultSet rows = statement.executeQuery()) {
			while (rows.next()) {
				keys.add(Digest.of(rows.getString(1)));
			}
		}
		return keys;
	}

	/**
	 * The record under {@code key}, or {@code null} if there is none.
	 * @throws CorruptEntryException if its rows cannot be read back as a call, or its signature
	 * does not verify
	 */
	static @Nullable Call read(SqliteSession session, Digest key, Path file, CallRecordSigner signer)
			throws SQLException {
		String name;
		String version;
		String result;
		byte[] signature;
		PreparedStatement call = session.prepare("SELECT name, version, result, signature FROM fleche_calls WHERE key = ?");
		call.setString(1, key.hex());
		try (ResultSet rows = call.executeQuery()) {
			if (!rows.next()) {
				return null;
			}
			name = rows.getString(1);
			version = rows.getString(2);
			result = rows.getString(3);
			signature = rows.getBytes(4);
		}
		try {
			Map<String, Digest> arguments = new LinkedHashMap<>();
			PreparedStatement argumentRows = session
				.prepare("SELECT name, digest FROM fleche_call_arguments WHERE call_key = ? ORDER BY position");
			argumentRows.setString(1, key.hex());
			try (ResultSet rows = argumentRows.executeQuery()) {
				while (rows.next()) {
					arguments.put(rows.getString(1), Digest.of(rows.getString(2)));
				}
			}
			Map<String, String> metadataJson = new LinkedHashMap<>();
			PreparedStatement metadataRows = session
				.prepare("SELECT namespace, json FROM fleche_call_metadata WHERE call_key = ?");
			metadataRows.setString(1, key.hex());
			try (ResultSet rows = metadataRows.executeQuery()) {
				while (rows.next()) {
					metadataJson.put(rows.getString(1), rows.getString(2));
				}
			}
			Call unverified = new Call(name, version, arguments, Digest.of(result), Map.of());
			signer.verify(key, unverified, metadataJson, signature, where(key, file));
			Map<String, JsonNode> metadata = new LinkedHashMap<>();
			metadataJson.forEach((namespace, json) -> metadata.put(namespace, CallJson.parse(json)));
			return unverified.withMetadata(metadata);
		}
		catch (CorruptEntryException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw new CorruptEntryException(where(key, file), "call record cannot be read: " + ex.getMessage(), ex);
		}
	}

	/** Where a record lives, for error messages. */
	static String where(Digest key, Path file) {
		return key.hex() + " (in SQLite database " + file + ")";
	}

}
