package dev.fleche.core.storage.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;

import dev.fleche.core.storage.CorruptEntryException;
import dev.fleche.core.storage.StorageException;

/**
 * The connections to one database file: a small pool, each connection in WAL mode with an explicit
 * busy timeout, write transactions opened with {@code BEGIN IMMEDIATE} on an auto-commit
 * connection (so no connection keeps a transaction open between uses). SQLite errors are turned
 * into storage exceptions naming the file. A damaged or foreign database file, found by any
 * statement, is quarantined or reported as {@link OnCorrupt} says.
 */
final class SqliteConnections implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(SqliteConnections.class);

	/** How long a statement waits for another process's write lock. */
	static final int BUSY_TIMEOUT_MILLIS = 30_000;

	private final Path file;

	private final String url;

	private final SQLiteConfig config;

	private final ConcurrentLinkedDeque<SqliteSession> idle = new ConcurrentLinkedDeque<>();

	private final List<SqliteSession> all = new CopyOnWriteArrayList<>();

	private final AtomicBoolean closed = new AtomicBoolean();

	private final OnCorrupt onCorrupt;

	/** The database files that pools of this process have open, with how many pools each. */
	private static final java.util.concurrent.ConcurrentHashMap<Path, Integer> OPEN = new java.util.concurrent.ConcurrentHashMap<>();

	/** Bumped by each quarantine; a session of an older generation is closed, not pooled. */
	private volatile int generation;

	/** The identity of the database file this pool works on, to tell whether another process moved it. */
	private volatile @Nullable Object identity;

	private boolean quarantining;

	SqliteConnections(Path file, OnCorrupt onCorrupt) {
		this.file = file;
		this.onCorrupt = onCorrupt;
		OPEN.merge(file, 1, Integer::sum);
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
		int seen = this.generation;
		SqliteSession session;
		try {
			session = borrow();
		}
		catch (SQLException ex) {
			throw failed(ex, seen);
		}
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
			throw failed(ex, session.generation());
		}
		finally {
			giveBack(session, healthy);
		}
	}

	/** The exception for {@code ex}; damage found first in generation {@code seen} is quarantined. */
	private StorageException failed(SQLException ex, int seen) {
		StorageException translated = translate(ex);
		if (isDamage(ex) && this.onCorrupt == OnCorrupt.QUARANTINE) {
			quarantine(seen, translated);
		}
		return translated;
	}

	private static boolean isDamage(SQLException ex) {
		int code = ex.getErrorCode() & 0xff;
		return code == SQLiteErrorCode.SQLITE_NOTADB.code || code == SQLiteErrorCode.SQLITE_CORRUPT.code;
	}

	/**
	 * Closes every connection, moves the damaged file aside (unless another process already did:
	 * the file at the path is no longer the one this pool opened), logs it, and creates a fresh
	 * store. Damage already handled (an older generation) does nothing.
	 */
	private synchronized void quarantine(int seen, StorageException cause) {
		if (seen != this.generation || this.quarantining || this.closed.get()) {
			return;
		}
		this.quarantining = true;
		try {
			this.generation++;
			Object now = Quarantine.identity(this.file);
			if (now != null && (this.identity == null || now.equals(this.identity))) {
				// moved while still open, so closing the connections cannot tidy its side files away
				Path aside = Quarantine.moveAside(this.file, Clock.systemUTC());
				logger.error("SQLite store {} is damaged or not a database ({}); moved it aside to {} and started a "
						+ "fresh, empty store (fleche.storage.on-corrupt=quarantine)", this.file, cause.getMessage(), aside);
			}
			else {
				logger.error("SQLite store {} was damaged and has already been moved aside by another process; "
						+ "reconnecting to the fresh store", this.file);
			}
			closeSessions();
			SqliteSchema.create(this);
			opened();
		}
		finally {
			this.quarantining = false;
		}
	}

	/**
	 * Before connecting: moves aside a file that is plainly not a database (its header is not
	 * SQLite's), so its side files are kept as they are (SQLite would delete a foreign WAL on
	 * connecting). Skipped when a pool of this process has the file open: reading it then could drop
	 * that pool's locks.
	 */
	static void quarantineForeign(Path file, OnCorrupt onCorrupt) {
		if (onCorrupt == OnCorrupt.QUARANTINE && !OPEN.containsKey(file) && Quarantine.hasForeignHeader(file)) {
			Path aside = Quarantine.moveAside(file, Clock.systemUTC());
			logger.error("SQLite store {} is not a database; moved it aside to {} and started a fresh, empty store "
					+ "(fleche.storage.on-corrupt=quarantine)", file, aside);
		}
	}

	/** Records the identity of the database file, once it is known to be good. */
	void opened() {
		this.identity = Quarantine.identity(this.file);
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

	private SqliteSession borrow() throws SQLException {
		if (this.closed.get()) {
			throw new StorageException("SQLite store " + this.file + " is closed");
		}
		SqliteSession session = this.idle.pollFirst();
		if (session != null) {
			return session;
		}
		int current = this.generation;
		session = new SqliteSession(this.config.createConnection(this.url), current);
		this.all.add(session);
		return session;
	}

	private void giveBack(SqliteSession session, boolean healthy) {
		if (healthy && !this.closed.get() && session.generation() == this.generation) {
			this.idle.addFirst(session);
			return;
		}
		this.all.remove(session);
		session.close();
	}

	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			closeSessions();
			OPEN.computeIfPresent(this.file, (path, count) -> (count > 1) ? count - 1 : null);
		}
	}

	private void closeSessions() {
		this.idle.clear();
		for (SqliteSession session : this.all) {
			session.close();
		}
		this.all.clear();
	}


}
