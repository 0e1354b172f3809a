package dev.fleche.core.lock.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.fleche.core.postgres.ConnectionFactory;

/**
 * The thread that owns the lock session: receives notifications and hands them to the keys they
 * name, re-examines keys with waiters every safety period, and when the session's connection fails
 * tells the grants made under it that they are in doubt, opens a new session, confirms the old one
 * ended (terminating it if it lingers), removes its rows, tells those grants they are lost, and
 * has every key queue its waiters again.
 */
final class SessionLoop implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(SessionLoop.class);

	private final PostgresLockBackend backend;

	private final ConnectionFactory factory;

	private final String applicationName;

	private volatile @Nullable LockSession session;

	private volatile boolean stopped;

	SessionLoop(PostgresLockBackend backend, ConnectionFactory factory, String applicationName, LockSession first) {
		this.backend = backend;
		this.factory = factory;
		this.applicationName = applicationName;
		this.session = first;
	}

	@Nullable LockSession session() {
		return this.session;
	}

	@Override
	public void run() {
		LockSession failed = null;
		long safetyMillis = this.backend.settings().safetyRecheck().toMillis();
		long nextTick = System.currentTimeMillis() + safetyMillis;
		while (!this.stopped) {
			LockSession current = this.session;
			if (current == null) {
				current = reconnect(failed);
				if (current == null) {
					sleep(this.backend.settings().reconnectDelay().toMillis());
					continue;
				}
				failed = null;
			}
			try {
				int wait = (int) Math.max(1, Math.min(Integer.MAX_VALUE, nextTick - System.currentTimeMillis()));
				for (PGNotification notification : current.await(wait)) {
					this.backend.engines().notified(notification.getParameter());
				}
				if (System.currentTimeMillis() >= nextTick) {
					nextTick = System.currentTimeMillis() + safetyMillis;
					this.backend.safetyTick();
				}
			}
			catch (SQLException | RuntimeException ex) {
				if (this.stopped) {
					break;
				}
				logger.warn("The PostgreSQL lock session {} failed; its grants may be lost", current, ex);
				this.session = null;
				current.close();
				failed = current;
				this.backend.engines().sessionFailed(current);
			}
		}
	}

	/** Opens a new session and cleans up after the failed one; null if the server is not reachable yet. */
	private @Nullable LockSession reconnect(@Nullable LockSession failed) {
		LockSession fresh;
		try {
			fresh = LockSession.open(this.factory, this.backend.sql().channel, this.applicationName);
		}
		catch (SQLException | RuntimeException ex) {
			logger.debug("Could not reopen the PostgreSQL lock session yet", ex);
			return null;
		}
		try {
			if (failed != null) {
				if (!fresh.confirmGone(failed, 10_000)) {
					throw new SQLException("The failed lock session " + failed + " is still alive");
				}
				removeRows(failed);
			}
		}
		catch (SQLException ex) {
			logger.warn("Could not clean up after the failed lock session {}", failed, ex);
			fresh.close();
			return null;
		}
		this.session = fresh;
		if (failed != null) {
			logger.info("Reopened the PostgreSQL lock session as {} after {} failed", fresh, failed);
			this.backend.engines().sessionReplaced(failed);
		}
		return fresh;
	}

	private void removeRows(LockSession failed) throws SQLException {
		try (Connection connection = this.backend.connection();
				PreparedStatement delete = connection.prepareStatement(this.backend.sql().deleteSession)) {
			delete.setInt(1, failed.id());
			delete.executeQuery().close();
		}
	}

	/** Stops the loop and closes the session: its advisory lock and rows are freed. */
	void stop() {
		this.stopped = true;
		LockSession current = this.session;
		this.session = null;
		if (current != null) {
			current.close();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
