package dev.fleche.core.storage.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;

import dev.fleche.core.storage.CorruptEntryException;
import dev.fleche.core.storage.StorageException;

/**
 * The connections to one database file: a small pool, each connection in WAL mode with an explicit
 * busy timeout, write transactions opened with {@code BEGIN IMMEDIATE} on an auto-commit
 * connection (so no connection keeps a transaction open between uses). SQLite errors are turned
 * into storage exceptions naming the file.
 */
final class SqliteConnections implements AutoCloseable {

	/** How long a statement waits for another process's write lock. */
	static final int BUSY_TIMEOUT_MILLIS = 30_000;

	private final Path file;

	private final String url;

	private final SQLiteConfig config;

	private final ConcurrentLinkedDeque<SqliteSession> idle = new ConcurrentLinkedDeque<>();

	private final List<SqliteSession> all = new CopyOnWriteArrayList<>();

	private final AtomicBoolean closed = new AtomicBoolean();

	SqliteConnections(Path file) {
		this.file = file;
		this.url = "jdbc:sqlite:" + file;
		this.config = new SQLiteConfig();
		this.config.setJournalMode(SQLiteConfig.JournalMode.WAL);
		this.config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
		this.config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
		this.config.enforceForeignKeys(true);
	}

	Path file() {
		return this.file;
	}

	/** Runs {@code work} outside a transaction: for work of one statement, which is atomic alone. */
	<T> T read(SqlWork<T> work) {
		return run(work, null);
	}

	/**
	 * Runs {@code work} in one read transaction ({@code BEGIN DEFERRED}): every statement sees the
	 * same snapshot of the database, so a record read in several statements is one saved version.
	 */
	<T> T snapshot(SqlWork<T> work) {
		return run(work, "BEGIN DEFERRED");
	}

	/** Runs {@code work} in one {@code BEGIN IMMEDIATE} transaction. */
	<T> T write(SqlWork<T> work) {
		return run(work, "BEGIN IMMEDIATE");
	}

	private <T> T run(SqlWork<T> work, @Nullable String begin) {
		SqliteSession session = borrow();
		boolean healthy = true;
		try {
			if (begin == null) {
				return work.apply(session);
			}
			execute(session.connection(), begin);
			try {
				T result = work.apply(session);
				execute(session.connection(), "COMMIT");
				return result;
			}
			catch (SQLException | RuntimeException ex) {
				rollbackQuietly(session.connection());
				throw ex;
			}
		}
		catch (SQLException ex) {
			healthy = false;
			throw translate(ex);
		}
		finally {
			giveBack(session, healthy);
		}
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static void rollbackQuietly(Connection connection) {
		try {
			execute(connection, "ROLLBACK");
		}
		catch (SQLException ex) {
			// no transaction left to roll back
		}
	}

	/** A storage exception for {@code ex}, naming the file. */
	StorageException translate(SQLException ex) {
		int code = ex.getErrorCode();
		if (code == SQLiteErrorCode.SQLITE_NOTADB.code || code == SQLiteErrorCode.SQLITE_CORRUPT.code) {
			return new CorruptEntryException(this.file.toString(),
					"the SQLite database is damaged or not a database (" + ex.getMessage() + ")", ex);
		}
		return new StorageException("SQLite database " + this.file + " failed: " + ex.getMessage(), ex);
	}

	private SqliteSession borrow() {
		if (this.closed.get()) {
			throw new StorageException("SQLite store " + this.file + " is closed");
		}
		SqliteSession session = this.idle.pollFirst();
		if (session != null) {
			return session;
		}
		try {
			session = new SqliteSession(this.config.createConnection(this.url));
		}
		catch (SQLException ex) {
			throw translate(ex);
		}
		this.all.add(session);
		return session;
	}

	private void giveBack(SqliteSession session, boolean healthy) {
		if (healthy && !this.closed.get()) {
			this.idle.addFirst(session);
			return;
		}
		this.all.remove(session);
		session.close();
	}

	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			for (SqliteSession session : this.all) {
				session.close();
			}
			this.all.clear();
			this.idle.clear();
		}
	}


}
