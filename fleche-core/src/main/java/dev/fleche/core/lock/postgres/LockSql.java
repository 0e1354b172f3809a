package dev.fleche.core.lock.postgres;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import dev.fleche.core.postgres.SchemaScript;
import dev.fleche.core.postgres.SqlNames;

/**
 * The SQL of the lock backend for one schema and table prefix. Names are validated by
 * {@link SqlNames}; every value is a bind parameter.
 */
final class LockSql {

	/** The advisory-lock class (first key) of lock sessions: "Flec". */
	static final int NAMESPACE = 0x466c6563;

	final SqlNames names;

	/** The LISTEN/NOTIFY channel. */
	final String channel;

	final String open;

	final String tryGrant;

	final String release;

	final String extend;

	final String grantFirst;

	final String apply;

	final String insert;

	final String deleteSession;

	final String keysInUse;

	final String averageAdd;

	final String averageGet;

	final String averagePop;

	LockSql(SqlNames names) {
		this.names = names;
		this.channel = names.prefix();
		String entry = names.qualified("entry");
		String key = names.qualified("key");
		String average = names.qualified("average");
		this.open = "SELECT * FROM " + names.qualified("open") + "(?)";
		// the uncontended path in one statement: granted only if the key's queue is empty; the row
		// lock on the key serializes it with every other change, and its re-check sees the count
		this.tryGrant = "WITH k AS (UPDATE " + key + " SET last_token = last_token + 1, last_ticket = last_ticket + 1,"
				+ " entries = 1 WHERE key = ? AND entries = 0"
				+ " RETURNING last_token, last_ticket, (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS now)"
				+ " INSERT INTO " + entry + " (key, ticket, session, owner, mode, token, granted_at, lease_expires, tags)"
				+ " SELECT ?, k.last_ticket, ?, ?, ?, k.last_token, k.now, k.now + ?::bigint, ? FROM k"
				+ " RETURNING token, ticket, granted_at, lease_expires";
		this.release = "SELECT * FROM " + names.qualified("release") + "(?, ?, ?)";
		this.extend = "SELECT * FROM " + names.qualified("extend") + "(?, ?, ?, ?)";
		this.grantFirst = "SELECT * FROM " + names.qualified("grant_first") + "(?, ?, ?, ?)";
		// one statement for a section's writes: counters, deletions, grants, one insert, one notify
		this.apply = "WITH k AS (UPDATE " + key + " SET last_token = ?, last_ticket = ?, entries = ?, waiting = ?"
				+ " WHERE key = ?),"
				+ " d AS (DELETE FROM " + entry + " WHERE key = ? AND ticket = ANY (?)),"
				+ " g AS (UPDATE " + entry + " e SET token = u.token, granted_at = ?, lease_expires = u.lease"
				+ " FROM unnest(?::bigint[], ?::bigint[], ?::bigint[]) AS u(ticket, token, lease)"
				+ " WHERE e.key = ? AND e.ticket = u.ticket),"
				+ " i AS (INSERT INTO " + entry
				+ " (key, ticket, session, owner, mode, token, granted_at, lease_expires, tags)"
				+ " SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE ?),"
				+ " n AS (SELECT pg_notify('" + this.channel + "', md5(?)) WHERE ?)"
				+ " SELECT count(*) FROM n";
		this.insert = "INSERT INTO " + entry
				+ " (key, ticket, session, owner, mode, token, granted_at, lease_expires, tags)"
				+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
		this.deleteSession = "SELECT " + names.qualified("drop_session") + "(?)";
		this.keysInUse = "SELECT DISTINCT key FROM " + entry + " ORDER BY key LIMIT 1000";
		this.averageAdd = "INSERT INTO " + average + " AS a (key, total, count) VALUES (?, ?, 1)"
				+ " ON CONFLICT (key) DO UPDATE SET total = a.total + excluded.total, count = a.count + 1";
		this.averageGet = "SELECT total, count FROM " + average + " WHERE key = ?";
		this.averagePop = "DELETE FROM " + average + " WHERE key = ? RETURNING total, count";
	}

	/** The schema script for these names. */
	SchemaScript schema() {
		return new SchemaScript(PostgresLockSettings.SCHEMA_RESOURCE, this.names,
				Map.of("namespace", Integer.toString(NAMESPACE)));
	}

	/** The notification payload naming {@code key}: its MD5 in hex, as {@code md5(key)} computes it. */
	static String payload(String key) {
		try {
			MessageDigest md5 = MessageDigest.getInstance("MD5");
			return HexFormat.of().formatHex(md5.digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
