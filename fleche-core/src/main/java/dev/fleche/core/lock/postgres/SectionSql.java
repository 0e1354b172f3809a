package dev.fleche.core.lock.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The two statements of a section: {@code _open} (lock the key's row, remove what ended, read the
 * queue) and the one statement that writes the section's outcome.
 */
final class SectionSql {

	private SectionSql() {
	}

	static QueueTx open(Connection connection, LockSql sql, String key, int session) throws SQLException {
		try (PreparedStatement open = connection.prepareStatement(sql.open)) {
			open.setString(1, key);
			try (ResultSet rows = open.executeQuery()) {
				List<Entry> entries = new ArrayList<>();
				long now = 0;
				int removed = 0;
				long lastToken = 0;
				long lastTicket = 0;
				while (rows.next()) {
					now = rows.getLong(1);
					removed = rows.getInt(2);
					lastToken = rows.getLong(3);
					lastTicket = rows.getLong(4);
					long ticket = rows.getLong(5);
					if (!rows.wasNull()) {
						entries.add(new Entry(ticket, rows.getInt(6), rows.getString(7), rows.getString(8),
								nullableLong(rows, 9), rows.getLong(10), nullableLong(rows, 11), tags(rows.getArray(12))));
					}
				}
				return new QueueTx(session, now, lastToken, lastTicket, entries, removed > 0);
			}
		}
	}

	static void write(Connection connection, LockSql sql, String key, QueueTx tx) throws SQLException {
		List<Entry> inserts = tx.inserts;
		Entry firstInsert = inserts.isEmpty() ? null : inserts.get(0);
		try (PreparedStatement apply = connection.prepareStatement(sql.apply)) {
			int i = 1;
			apply.setLong(i++, tx.lastToken);
			apply.setLong(i++, tx.lastTicket);
			apply.setInt(i++, tx.entries.size());
			apply.setInt(i++, tx.waitingCount());
			apply.setString(i++, key);
			apply.setString(i++, key);
			apply.setArray(i++, connection.createArrayOf("bigint", tx.deletes.toArray()));
			apply.setLong(i++, tx.now);
			Long[] tickets = new Long[tx.grants.size()];
			Long[] tokens = new Long[tickets.length];
			Long[] leases = new Long[tickets.length];
			for (int g = 0; g < tickets.length; g++) {
				Entry granted = tx.grants.get(g);
				tickets[g] = granted.ticket;
				tokens[g] = granted.token;
				leases[g] = granted.leaseExpires;
			}
			apply.setArray(i++, connection.createArrayOf("bigint", tickets));
			apply.setArray(i++, connection.createArrayOf("bigint", tokens));
			apply.setArray(i++, connection.createArrayOf("bigint", leases));
			apply.setString(i++, key);
			i = bindInsert(connection, apply, key, i, firstInsert);
			apply.setBoolean(i++, firstInsert != null);
			apply.setString(i++, key);
			apply.setBoolean(i, tx.notify);
			apply.executeQuery().close();
		}
		if (inserts.size() > 1) {
			try (PreparedStatement insert = connection.prepareStatement(sql.insert)) {
				for (Entry entry : inserts.subList(1, inserts.size())) {
					bindInsert(connection, insert, key, 1, entry);
					insert.addBatch();
				}
				insert.executeBatch();
			}
		}
	}

	private static int bindInsert(Connection connection, PreparedStatement statement, String key, int first,
			@Nullable Entry entry)
			throws SQLException {
		int i = first;
		statement.setString(i++, key);
		if (entry == null) {
			statement.setNull(i++, Types.BIGINT);
			statement.setNull(i++, Types.INTEGER);
			statement.setNull(i++, Types.VARCHAR);
			statement.setNull(i++, Types.VARCHAR);
			statement.setNull(i++, Types.BIGINT);
			statement.setNull(i++, Types.BIGINT);
			statement.setNull(i++, Types.BIGINT);
			statement.setArray(i++, connection.createArrayOf("text", new String[0]));
			return i;
		}
		statement.setLong(i++, entry.ticket);
		statement.setInt(i++, entry.session);
		statement.setString(i++, entry.owner);
		statement.setString(i++, entry.mode);
		setNullableLong(statement, i++, entry.token);
		if (entry.isGranted()) {
			statement.setLong(i++, entry.grantedAt);
		}
		else {
			statement.setNull(i++, Types.BIGINT);
		}
		setNullableLong(statement, i++, entry.leaseExpires);
		statement.setArray(i++, connection.createArrayOf("text", entry.tags.toArray(new String[0])));
		return i;
	}

	private static @Nullable Long nullableLong(ResultSet rows, int column) throws SQLException {
		long value = rows.getLong(column);
		return rows.wasNull() ? null : value;
	}

	private static void setNullableLong(PreparedStatement statement, int index, @Nullable Long value)
			throws SQLException {
		if (value == null) {
			statement.setNull(index, Types.BIGINT);
		}
		else {
			statement.setLong(index, value);
		}
	}

	private static Set<String> tags(@Nullable Array array) throws SQLException {
		if (array == null) {
			return Set.of();
		}
		return Set.copyOf(new LinkedHashSet<>(Arrays.asList((String[]) array.getArray())));
	}

}
