package dev.fleche.core.lock.postgres;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import dev.fleche.core.postgres.ConnectionFactory;

/**
 * The dedicated connection that marks this backend alive: it holds the session-level advisory
 * lock {@code (NAMESPACE, id)} and listens on the backend's channel. Every row this backend
 * writes carries {@link #id()}; when the connection's server session ends, the lock is free and
 * other processes remove those rows at once.
 */
final class LockSession implements AutoCloseable {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final int id;

	private final Connection connection;

	private final int backendPid;

	private LockSession(int id, Connection connection, int backendPid) {
		this.id = id;
		this.connection = connection;
		this.backendPid = backendPid;
	}

	/**
	 * Opens a connection, claims a free random session id and listens on {@code channel}.
	 * @throws PostgresLockException if the connection goes through a pooler in transaction mode
	 */
	static LockSession open(ConnectionFactory factory, String channel, String applicationName) throws SQLException {
		Connection connection = factory.connect();
		try {
			connection.setAutoCommit(true);
			try {
				connection.setClientInfo("ApplicationName", applicationName);
			}
			catch (SQLException ex) {
				// not essential
			}
			int id;
			int pid;
			try (PreparedStatement claim = connection
				.prepareStatement("SELECT pg_try_advisory_lock(?, ?), pg_backend_pid()")) {
				while (true) {
					id = RANDOM.nextInt();
					claim.setInt(1, LockSql.NAMESPACE);
					claim.setInt(2, id);
					try (ResultSet result = claim.executeQuery()) {
						result.next();
						pid = result.getInt(2);
						if (result.getBoolean(1)) {
							break;
						}
					}
				}
			}
			checkSessionSemantics(connection, id, pid);
			try (Statement statement = connection.createStatement()) {
				statement.execute("LISTEN " + channel);
			}
			return new LockSession(id, connection, pid);
		}
		catch (SQLException | RuntimeException ex) {
			connection.close();
			throw ex;
		}
	}

	/**
	 * A pooler in transaction mode (PgBouncer) runs each statement on any server connection, so
	 * the advisory lock taken by the claim is not held by the session the next statement runs
	 * in. Refuse to work through one.
	 */
	private static void checkSessionSemantics(Connection connection, int id, int pid) throws SQLException {
		try (PreparedStatement check = connection.prepareStatement("SELECT pg_backend_pid(), count(*) FROM pg_locks"
				+ " WHERE locktype = 'advisory' AND classid = ?::oid AND objid = ?::oid AND objsubid = 2"
				+ " AND pid = pg_backend_pid() AND granted")) {
			check.setLong(1, Integer.toUnsignedLong(LockSql.NAMESPACE));
			check.setLong(2, Integer.toUnsignedLong(id));
			try (ResultSet result = check.executeQuery()) {
				result.next();
				if (result.getInt(1) != pid || result.getInt(2) != 1) {
					throw new PostgresLockException("(session)", "The lock session's advisory lock is not held by "
							+ "the server session that took it: the connection goes through a pooler in transaction "
							+ "mode (such as PgBouncer with pool_mode=transaction), which breaks session-level locks. "
							+ "Connect the lock backend to PostgreSQL directly or through a session-mode pool");
				}
			}
		}
	}

	int id() {
		return this.id;
	}

	int backendPid() {
		return this.backendPid;
	}

	Connection connection() {
		return this.connection;
	}

	/** Waits up to {@code timeoutMillis} for notifications; throws when the connection failed. */
	PGNotification[] await(int timeoutMillis) throws SQLException {
		PGNotification[] notifications = this.connection.unwrap(PGConnection.class).getNotifications(timeoutMillis);
		if (notifications == null || notifications.length == 0) {
			if (this.connection.isClosed()) {
				throw new SQLException("The lock session's connection is closed");
			}
			return new PGNotification[0];
		}
		return notifications;
	}

	/**
	 * Makes sure the server session of {@code previous} is gone, terminating it if it lingers
	 * (a connection that failed on this side only), so its rows are free for others.
	 * @return whether it is confirmed gone
	 */
	boolean confirmGone(LockSession previous, long timeoutMillis) throws SQLException {
		long deadline = System.currentTimeMillis() + timeoutMillis;
		try (PreparedStatement probe = this.connection.prepareStatement("SELECT pg_try_advisory_lock_shared(?, ?)");
				PreparedStatement unlock = this.connection.prepareStatement("SELECT pg_advisory_unlock_shared(?, ?)");
				PreparedStatement terminate = this.connection
					.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'"
							+ " AND classid = ?::oid AND objid = ?::oid AND objsubid = 2 AND granted AND mode = 'ExclusiveLock'")) {
			while (true) {
				probe.setInt(1, LockSql.NAMESPACE);
				probe.setInt(2, previous.id);
				boolean free;
				try (ResultSet result = probe.executeQuery()) {
					result.next();
					free = result.getBoolean(1);
				}
				if (free) {
					unlock.setInt(1, LockSql.NAMESPACE);
					unlock.setInt(2, previous.id);
					unlock.executeQuery().close();
					return true;
				}
				if (System.currentTimeMillis() > deadline) {
					return false;
				}
				terminate.setLong(1, Integer.toUnsignedLong(LockSql.NAMESPACE));
				terminate.setLong(2, Integer.toUnsignedLong(previous.id));
				terminate.executeQuery().close();
				try {
					Thread.sleep(20);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return false;
				}
			}
		}
	}

	@Override
	public void close() {
		try {
			this.connection.close();
		}
		catch (SQLException ex) {
			// the server ends the session, and its advisory lock, either way
		}
	}

	@Override
	public String toString() {
		return "LockSession[" + this.id + " pid " + this.backendPid + "]";
	}

}
