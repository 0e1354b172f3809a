package dev.fleche.core.lock.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.fleche.core.postgres.ConnectionFactory;

/**
 * Watches the lock sessions of other processes that stand in the way of this process's waiters:
 * one connection per watched session blocks in {@code pg_advisory_lock_shared} on that session's
 * lock, which the server grants the moment the session ends (its process killed, its connection
 * cut). Then every key with waiters here is re-examined, so a dead holder's lock passes on at
 * once, without a lease and without polling. Watchers nobody asked for since the last sweep are
 * closed.
 */
final class SessionWatchers {

	private static final Logger logger = LoggerFactory.getLogger(SessionWatchers.class);

	private final ConnectionFactory factory;

	private final Runnable onSessionEnded;

	private final ThreadFactory threads;

	private final Map<Integer, Watcher> watchers = new ConcurrentHashMap<>();

	private volatile boolean closed;

	SessionWatchers(ConnectionFactory factory, Runnable onSessionEnded, ThreadFactory threads) {
		this.factory = factory;
		this.onSessionEnded = onSessionEnded;
		this.threads = threads;
	}

	/** Watches {@code session} if not yet watched. */
	void watch(int session) {
		if (this.closed) {
			return;
		}
		Watcher watcher = this.watchers.get(session);
		if (watcher != null) {
			watcher.wanted = true;
			return;
		}
		this.watchers.computeIfAbsent(session, (id) -> {
			Watcher created = new Watcher(id);
			this.threads.newThread(created).start();
			return created;
		});
	}

	/** Closes the watchers not asked for since the previous sweep. */
	void sweep() {
		for (Watcher watcher : this.watchers.values()) {
			if (!watcher.wanted) {
				watcher.stop();
			}
			watcher.wanted = false;
		}
	}

	int size() {
		return this.watchers.size();
	}

	void close() {
		this.closed = true;
		this.watchers.values().forEach(Watcher::stop);
	}

	private final class Watcher implements Runnable {

		private final int session;

		volatile boolean wanted = true;

		private volatile boolean stopped;

		private volatile @Nullable PreparedStatement statement;

		Watcher(int session) {
			this.session = session;
		}

		@Override
		public void run() {
			boolean ended = false;
			try (Connection connection = SessionWatchers.this.factory.connect();
					PreparedStatement wait = connection.prepareStatement("SELECT pg_advisory_lock_shared(?, ?)");
					PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock_shared(?, ?)")) {
				connection.setAutoCommit(true);
				this.statement = wait;
				if (!this.stopped) {
					wait.setInt(1, LockSql.NAMESPACE);
					wait.setInt(2, this.session);
					wait.executeQuery().close();
					ended = true;
					unlock.setInt(1, LockSql.NAMESPACE);
					unlock.setInt(2, this.session);
					unlock.executeQuery().close();
				}
			}
			catch (SQLException ex) {
				if (!this.stopped) {
					logger.debug("Watcher of lock session {} failed", this.session, ex);
				}
			}
			finally {
				SessionWatchers.this.watchers.remove(this.session, this);
			}
			if (ended && !SessionWatchers.this.closed) {
				SessionWatchers.this.onSessionEnded.run();
			}
		}

		void stop() {
			this.stopped = true;
			SessionWatchers.this.watchers.remove(this.session, this);
			PreparedStatement running = this.statement;
			if (running != null) {
				try {
					running.cancel();
				}
				catch (SQLException ex) {
					// the connection is closing anyway
				}
			}
		}

	}

}
