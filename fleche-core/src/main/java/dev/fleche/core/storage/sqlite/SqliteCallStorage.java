package dev.fleche.core.storage.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
import dev.fleche.core.storage.codec.CallRecordSigner;
import dev.fleche.core.storage.support.AbstractCallStorage;
import dev.fleche.core.storage.support.Keys;
import dev.fleche.core.storage.support.TransformPlan;
import dev.fleche.core.text.SafeText;

/**
 * Call records in SQLite: one row per call, its arguments and metadata namespaces in their own
 * indexed tables. A save is one write transaction, a load or query one read transaction (so a read
 * sees exactly one saved version of each call), a transform one write transaction from snapshot to
 * last write. Queries run in SQL; a record that cannot be read back is logged and skipped.
 */
final class SqliteCallStorage extends AbstractCallStorage {

	private static final Logger logger = LoggerFactory.getLogger(SqliteCallStorage.class);

	private final SqliteConnections connections;

	private final CallRecordSigner signer;

	SqliteCallStorage(SqliteConnections connections, CallRecordSigner signer) {
		this.connections = connections;
		this.signer = signer;
	}

	@Override
	public Digest save(Call call) {
		this.connections.write(session -> {
			SqliteCallRows.insert(session, call, this.signer);
			return null;
		});
		return call.key();
	}

	@Override
	public Call load(String digestOrPrefix) {
		Digest key = expand(digestOrPrefix);
		Call call = this.connections.snapshot(session -> SqliteCallRows.read(session, key, this.connections.file(), this.signer));
		if (call == null) {
			throw new KeyNotFoundException(digestOrPrefix);
		}
		return call;
	}

	@Override
	public Digest result(String digestOrPrefix) {
		Digest key = expand(digestOrPrefix);
		if (this.signer.isSigned()) {
			return load(key.hex()).result();
		}
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
			throw new CorruptEntryException(SqliteCallRows.where(key, this.connections.file()),
					"result digest is not a digest: " + SafeText.quote(result));
		}
		return Digest.of(result);
	}

	@Override
	public List<Call> query(CallTemplate template) {
		SqliteQuery query = SqliteQuery.of(template);
		return this.connections.snapshot(session -> {
			List<Digest> keys = new ArrayList<>();
			PreparedStatement statement = session.prepare(query.sql());
			query.bind(statement);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					keys.add(Digest.of(rows.getString(1)));
				}
			}
			List<Call> calls = new ArrayList<>(keys.size());
			for (Digest key : keys) {
				try {
					Call call = SqliteCallRows.read(session, key, this.connections.file(), this.signer);
					if (call != null && query.accepts(call)) {
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

	/**
	 * One write transaction: the snapshot, the function over it, the checks and every write. The
	 * function runs inside it, so it may read this store but must not write to it.
	 */
	@Override
	public Map<Digest, Digest> transform(UnaryOperator<Call> fn) {
		return this.connections.write(session -> {
			Map<Digest, Call> snapshot = new LinkedHashMap<>();
			List<Digest> unreadable = new ArrayList<>();
			for (Digest key : SqliteCallRows.keys(session)) {
				try {
					Call call = SqliteCallRows.read(session, key, this.connections.file(), this.signer);
					if (call != null) {
						snapshot.put(key, call);
					}
				}
				catch (CorruptEntryException ex) {
					logger.warn("transform leaves a corrupt call record where it is: {}", ex.getMessage());
					unreadable.add(key);
				}
			}
			TransformPlan plan = TransformPlan.of(snapshot, unreadable, fn);
			for (Call call : plan.saves()) {
				SqliteCallRows.insert(session, call, this.signer);
			}
			for (Digest key : plan.evictions()) {
				SqliteCallRows.delete(session, key);
			}
			return plan.moved();
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
		if (Keys.tooShort(digestOrPrefix)) {
			return false;
		}
		try {
			Digest key = expand(digestOrPrefix);
			return this.connections.read(session -> {
				PreparedStatement statement = session.prepare("SELECT 1 FROM fleche_calls WHERE key = ?");
				statement.setString(1, key.hex());
				try (ResultSet rows = statement.executeQuery()) {
					return rows.next();
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
			SqliteCallRows.delete(session, key);
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

}
