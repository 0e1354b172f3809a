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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.spi.Owner;

/**
 * One key in this process: its waiting requests and grants, and the sections that change the
 * key's queue. A section is one transaction that locks the key's row ({@code _open}), lets an
 * operation and the {@link QueueWalk} decide in Java, and writes the outcome in one statement;
 * sections of one key in this process are serialized by a gate.
 */
final class KeyEngine {

	private final PostgresLockBackend backend;

	private final String key;

	private final String payload;

	final ReentrantLock gate = new ReentrantLock();

	/** Requests of this process in the queue; guarded by the gate. */
	final List<PostgresRequest> waiting = new CopyOnWriteArrayList<>();

	/** Grants of this process by ticket; changed under the gate. */
	final Map<Long, PostgresGrant> grants = new ConcurrentHashMap<>();

	private final QueueWalk walk = new QueueWalk(this);

	private final AtomicBoolean pumpPending = new AtomicBoolean();

	KeyEngine(PostgresLockBackend backend, String key) {
		this.backend = backend;
		this.key = key;
		this.payload = LockSql.payload(key);
	}

	String key() {
		return this.key;
	}

	String payload() {
		return this.payload;
	}

	QueueWalk walk() {
		return this.walk;
	}

	PostgresLockBackend backend() {
		return this.backend;
	}

	String ownerLabel(Owner owner) {
		return owner + "@" + this.backend.host();
	}

	/** Whether this process waits on or holds the key. */
	boolean isActive() {
		return !this.waiting.isEmpty() || !this.grants.isEmpty();
	}

	/**
	 * Runs {@code operation} in one section: the key's row locked and its queue read, the operation
	 * and the walk, the writes, the commit; then, outside the gate, the actions after commit.
	 */
	<T> T section(Function<QueueTx, T> operation) {
		LockSession session = this.backend.requireSession(this.key);
		QueueTx tx;
		T result;
		RuntimeException failure = null;
		this.gate.lock();
		try (Connection connection = this.backend.connection()) {
			connection.setAutoCommit(false);
			try {
				tx = open(connection, session.id());
				this.walk.cleanUp(tx);
				try {
					result = operation.apply(tx);
				}
				catch (RuntimeException ex) {
					failure = ex;
					result = null;
				}
				this.walk.run(tx);
				if (tx.foreignWaiting() && (tx.removedOnOpen || !tx.deletes.isEmpty() || !tx.grants.isEmpty()
						|| !tx.newGrants.isEmpty())) {
					tx.notify = true;
				}
				if (tx.writes() || tx.notify) {
					write(connection, tx);
				}
				connection.commit();
			}
			catch (SQLException | RuntimeException ex) {
				rollback(connection);
				throw ex;
			}
			finally {
				connection.setAutoCommit(true);
			}
			commitLocally(tx);
		}
		catch (SQLException ex) {
			throw new PostgresLockException(this.key, "A lock operation on '" + this.key + "' failed in PostgreSQL", ex);
		}
		finally {
			this.gate.unlock();
		}
		tx.after.forEach(Runnable::run);
		for (int other : tx.watch) {
			this.backend.watchers().watch(other);
		}
		if (tx.wakeInMillis != Long.MAX_VALUE) {
			this.backend.pumpLater(this, tx.wakeInMillis);
		}
		if (failure != null) {
			throw failure;
		}
		return result;
	}

	private QueueTx open(Connection connection, int session) throws SQLException {
		try (PreparedStatement open = connection.prepareStatement(this.backend.sql().open)) {
			open.setString(1, this.key);
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

	private void write(Connection connection, QueueTx tx) throws SQLException {
		List<Entry> inserts = tx.inserts;
		Entry firstInsert = inserts.isEmpty() ? null : inserts.get(0);
		try (PreparedStatement apply = connection.prepareStatement(this.backend.sql().apply)) {
			int i = 1;
			apply.setLong(i++, tx.lastToken);
			apply.setLong(i++, tx.lastTicket);
			apply.setInt(i++, tx.entries.size());
			apply.setInt(i++, tx.waitingCount());
			apply.setString(i++, this.key);
			apply.setString(i++, this.key);
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
			apply.setString(i++, this.key);
			i = bindInsert(connection, apply, i, firstInsert);
			apply.setBoolean(i++, firstInsert != null);
			apply.setString(i++, this.key);
			apply.setBoolean(i, tx.notify);
			apply.executeQuery().close();
		}
		if (inserts.size() > 1) {
			try (PreparedStatement insert = connection.prepareStatement(this.backend.sql().insert)) {
				for (Entry entry : inserts.subList(1, inserts.size())) {
					bindInsert(connection, insert, 1, entry);
					insert.addBatch();
				}
				insert.executeBatch();
			}
		}
	}

	private int bindInsert(Connection connection, PreparedStatement statement, int first, @Nullable Entry entry)
			throws SQLException {
		int i = first;
		statement.setString(i++, this.key);
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

	private void commitLocally(QueueTx tx) {
		for (PostgresGrant grant : tx.lostGrants) {
			this.grants.remove(grant.ticket, grant);
			if (!grant.done) {
				tx.after.add(grant::signalLost);
			}
		}
		for (PostgresGrant grant : tx.newGrants) {
			this.grants.put(grant.ticket, grant);
		}
		this.waiting.removeAll(tx.leftQueue);
		for (PostgresRequest request : tx.mine.values()) {
			if (!this.waiting.contains(request)) {
				this.waiting.add(request);
			}
		}
	}

	/** A grant of this process for {@code entry}, registered on commit. */
	PostgresGrant newGrant(QueueTx tx, Entry entry, LockMode mode, Owner owner, LockOptions options) {
		PostgresGrant grant = new PostgresGrant(this, entry.ticket, tx.session, entry.token, mode, owner,
				options.tags(), (entry.leaseExpires != null) ? entry.leaseExpires : 0, tx.now);
		tx.newGrants.add(grant);
		if (entry.leaseExpires != null) {
			tx.wakeIn(entry.leaseExpires - tx.now + 1);
		}
		return grant;
	}

	/**
	 * After a notification: tries the one-statement handoff to this process's first request
	 * (nothing held, it is first in the queue); otherwise, or if more requests wait here, schedules a
	 * full section. Never waits for the gate.
	 */
	void handoff() {
		LockSession session = this.backend.currentSession();
		if (session == null || !this.gate.tryLock()) {
			schedulePump();
			return;
		}
		List<Runnable> after = new ArrayList<>();
		boolean granted = false;
		try {
			PostgresRequest first = this.waiting.isEmpty() ? null : this.waiting.get(0);
			boolean withdrawn = this.waiting.stream().anyMatch((request) -> request.future.isDone());
			if (first != null && !withdrawn && first.freeWhenEmpty && first.session == session.id()) {
				granted = this.backend.grants().grantFirst(this, session, first, after);
			}
		}
		catch (SQLException | RuntimeException ex) {
			granted = false;
		}
		finally {
			this.gate.unlock();
		}
		after.forEach(Runnable::run);
		if (!granted || !this.waiting.isEmpty()) {
			schedulePump();
		}
	}

	/** Re-examines the key soon, once however often it is asked meanwhile. */
	void schedulePump() {
		if (this.pumpPending.compareAndSet(false, true)) {
			this.backend.execute(() -> {
				this.pumpPending.set(false);
				this.backend.pump(this);
			});
		}
	}

	boolean release(PostgresGrant grant) {
		return this.backend.grants().release(this, grant);
	}

	boolean extend(PostgresGrant grant, java.time.Duration lease) {
		return this.backend.grants().extend(this, grant, lease);
	}

	static @Nullable Long leaseMillis(LockOptions options) {
		return (options.lease() != null) ? Math.max(1, options.lease().toMillis()) : null;
	}

	private static void rollback(Connection connection) {
		try {
			connection.rollback();
		}
		catch (SQLException ex) {
			// the connection is broken; the transaction is gone with it
		}
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

	@Override
	public String toString() {
		return "KeyEngine[" + this.key + "]";
	}

}
