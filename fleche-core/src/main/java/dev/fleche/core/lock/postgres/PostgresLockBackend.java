package dev.fleche.core.lock.postgres;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.fleche.core.lock.LockException;
import dev.fleche.core.lock.LockState;
import dev.fleche.core.lock.spi.KeyQueue;
import dev.fleche.core.lock.spi.LockBackend;
import dev.fleche.core.postgres.ConnectionFactory;

/**
 * Locks shared by the processes of many hosts through one PostgreSQL database.
 * <p>
 * <b>Queue.</b> Each key has a row in {@code <prefix>_key} (the counters of fencing tokens and
 * queue tickets, never deleted, so tokens never go backwards) and its requests and grants in
 * {@code <prefix>_entry}, in ticket order. Every decision is one transaction that locks the key's
 * row: the modes' compatibility rules, which are Java predicates, are asked in this process inside
 * that transaction, and each process grants its own requests whose turn it is (every earlier
 * request granted, mode compatible with what is held). An uncontended acquire and a release are
 * one server function call each.
 * <p>
 * <b>Liveness.</b> The backend keeps one dedicated connection (not from the application's pool)
 * that holds a session-level advisory lock: its lock session. Every row it writes names that
 * session, and any process removes the rows of a session whose advisory lock is free, so a killed
 * process's grants and requests are freed as soon as its server session ends, without waiting for
 * a lease. Waiters blocked by another process's session also watch that session's lock from a
 * connection of their own and are woken the moment it ends. When this backend's session
 * connection fails, its grants' {@code inDoubt()} complete; once a new session is open and the old
 * one is confirmed ended (terminated if it lingers), their {@code lost()} complete, and its waiting
 * requests queue again.
 * <p>
 * <b>Waking.</b> Releases and other changes that may let a waiter in {@code NOTIFY} the channel
 * {@code <prefix>} with the MD5 of the key (32 bytes); the session connection listens. Keys with
 * waiters here are also re-examined every {@link PostgresLockSettings#safetyRecheck()}, so a
 * notification missed while the session reconnected cannot strand a waiter.
 * <p>
 * The lock session must reach PostgreSQL without a pooler in transaction mode (PgBouncer
 * {@code pool_mode=transaction}), which breaks session-level advisory locks and LISTEN; the
 * backend refuses to start when its check detects one. Statements other than the session's use
 * {@code dataSource}, which may be the application's pool.
 */
public final class PostgresLockBackend implements LockBackend {

	/** The name of this backend. */
	public static final String NAME = "postgres";

	private static final Logger logger = LoggerFactory.getLogger(PostgresLockBackend.class);

	private final DataSource dataSource;

	private final PostgresLockSettings settings;

	private final LockSql sql;

	private final String host;

	private final KeyEngines engines = new KeyEngines(this);

	private final Averages averages = new Averages(this);

	private final GrantStatements grants = new GrantStatements(this);

	private final BackendThreads threads = new BackendThreads();

	private final SessionWatchers watchers;

	private final SessionLoop loop;

	private final AtomicBoolean closed = new AtomicBoolean();

	private PostgresLockBackend(DataSource dataSource, ConnectionFactory sessions, PostgresLockSettings settings,
			LockSql sql, LockSession first) {
		this.dataSource = dataSource;
		this.settings = settings;
		this.sql = sql;
		this.host = hostName();
		this.watchers = new SessionWatchers(sessions, this.engines::pumpWaiting, this.threads.daemons("watch"));
		this.loop = new SessionLoop(this, sessions, "fleche-lock-session", first);
		this.threads.daemons("session").newThread(this.loop).start();
	}

	/**
	 * Opens the backend: creates the schema if the settings say so, opens the lock session.
	 * @param dataSource connections for the statements (may be the application's pool)
	 * @param sessions opens the dedicated lock-session connection and the watchers' connections
	 * (each a new physical connection, not borrowed from a pool)
	 * @param settings names and periods
	 * @throws PostgresLockException if the database cannot be reached, the schema is missing, or a
	 * pooler in transaction mode is detected
	 */
	public static PostgresLockBackend open(DataSource dataSource, ConnectionFactory sessions,
			PostgresLockSettings settings) {
		Objects.requireNonNull(dataSource, "dataSource");
		Objects.requireNonNull(sessions, "sessions");
		Objects.requireNonNull(settings, "settings");
		LockSql sql = new LockSql(settings.names());
		try (Connection connection = dataSource.getConnection()) {
			if (settings.initializeSchema()) {
				sql.schema().apply(connection);
			}
			else {
				checkSchema(connection, settings);
			}
		}
		catch (SQLException ex) {
			throw new PostgresLockException("(schema)", "Could not prepare the PostgreSQL lock schema "
					+ settings.names().qualified("*"), ex);
		}
		LockSession first;
		try {
			first = LockSession.open(sessions, sql.channel, "fleche-lock-session");
		}
		catch (SQLException ex) {
			throw new PostgresLockException("(session)", "Could not open the PostgreSQL lock session", ex);
		}
		return new PostgresLockBackend(dataSource, sessions, settings, sql, first);
	}

	private static void checkSchema(Connection connection, PostgresLockSettings settings) throws SQLException {
		try (PreparedStatement check = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL"
				+ " AND to_regprocedure(? || '(text)') IS NOT NULL")) {
			check.setString(1, settings.names().qualified("entry"));
			check.setString(2, settings.names().qualified("open"));
			try (ResultSet result = check.executeQuery()) {
				result.next();
				if (!result.getBoolean(1)) {
					throw new PostgresLockException("(schema)", "The PostgreSQL lock schema is missing ("
							+ settings.names().qualified("entry") + "); run " + PostgresLockSettings.SCHEMA_RESOURCE
							+ " or set initialize-schema to always");
				}
			}
		}
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public KeyQueue queue(String key) {
		Objects.requireNonNull(key, "key");
		checkOpen(key);
		return new PostgresKeyQueue(this, key);
	}

	/**
	 * Snapshots of the keys with requests or grants in the database (up to 1000), of any process,
	 * and of the keys this process uses.
	 */
	@Override
	public List<LockState> states() {
		checkOpen("(states)");
		TreeSet<String> keys = new TreeSet<>(this.engines.keys());
		try (Connection connection = connection();
				PreparedStatement statement = connection.prepareStatement(this.sql.keysInUse);
				ResultSet rows = statement.executeQuery()) {
			while (rows.next()) {
				keys.add(rows.getString(1));
			}
		}
		catch (SQLException ex) {
			throw new PostgresLockException("(states)", "Could not list the locks in PostgreSQL", ex);
		}
		List<LockState> states = new ArrayList<>();
		for (String key : keys) {
			states.add(new PostgresKeyQueue(this, key).state());
		}
		return states;
	}

	/**
	 * Takes away the grants made by this backend whose lock carries {@code tag}; their holders'
	 * {@code lost()} complete and the next waiters, in any process, are granted.
	 */
	@Override
	public int releaseTagged(String tag) {
		checkOpen("(tag " + tag + ")");
		int released = 0;
		for (KeyEngine engine : this.engines.all()) {
			if (engine.grants.values().stream().anyMatch((grant) -> grant.tags.contains(tag))) {
				released += this.engines.withEngine(engine.key(), (current) -> current.section((tx) -> {
					int count = 0;
					for (PostgresGrant grant : current.grants.values()) {
						if (!grant.done && grant.tags.contains(tag)) {
							Entry entry = tx.find(grant.ticket);
							if (entry != null) {
								tx.delete(entry);
							}
							tx.lostGrants.add(grant);
							count++;
						}
					}
					return count;
				}));
			}
		}
		return released;
	}

	@Override
	public void averageAdd(String key, double value) {
		checkOpen(key);
		this.averages.add(key, value);
	}

	@Override
	public OptionalDouble averageGet(String key) {
		checkOpen(key);
		return this.averages.get(key);
	}

	@Override
	public OptionalDouble averagePop(String key) {
		checkOpen(key);
		return this.averages.pop(key);
	}

	/**
	 * Withdraws this backend's waiting requests (they fail), releases its grants and closes its
	 * connections; other processes' waiters are told.
	 */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		LockSession session = this.loop.session();
		this.engines.closeAll();
		if (session != null) {
			try (Connection connection = connection();
					PreparedStatement delete = connection.prepareStatement(this.sql.deleteSession)) {
				delete.setInt(1, session.id());
				delete.executeQuery().close();
			}
			catch (SQLException ex) {
				logger.warn("Could not remove the rows of lock session {} on close; they go with the session", session, ex);
			}
		}
		this.loop.stop();
		this.watchers.close();
		this.threads.shutdown();
	}

	// --- for the package

	PostgresLockSettings settings() {
		return this.settings;
	}

	LockSql sql() {
		return this.sql;
	}

	String host() {
		return this.host;
	}

	GrantStatements grants() {
		return this.grants;
	}

	SessionWatchers watchers() {
		return this.watchers;
	}

	boolean isClosed() {
		return this.closed.get();
	}

	Connection connection() throws SQLException {
		return this.dataSource.getConnection();
	}

	@Nullable LockSession currentSession() {
		return this.loop.session();
	}

	/** The lock session, or an exception if it is reconnecting. */
	LockSession requireSession(String key) {
		checkOpen(key);
		LockSession session = this.loop.session();
		if (session == null) {
			throw new PostgresLockException(key, "The PostgreSQL lock session is reconnecting; lock '" + key
					+ "' cannot be acquired now");
		}
		return session;
	}

	void execute(Runnable task) {
		if (!this.closed.get()) {
			this.threads.execute(task);
		}
	}

	void schedule(Runnable task, long delayMillis) {
		if (!this.closed.get()) {
			this.threads.schedule(task, delayMillis);
		}
	}

	void pumpLater(KeyEngine engine, long delayMillis) {
		schedule(engine::schedulePump, delayMillis);
	}

	/** Re-examines one key: grants whose turn it is, removes what ended. */
	void pump(KeyEngine engine) {
		if (this.closed.get() || this.loop.session() == null) {
			return;
		}
		try {
			this.engines.withEngine(engine.key(), (current) -> current.section((tx) -> null));
		}
		catch (LockException ex) {
			logger.debug("Could not re-examine lock '{}'", engine.key(), ex);
			if (engine.isActive()) {
				pumpLater(engine, this.settings.reconnectDelay().toMillis());
			}
		}
	}

	/** The safety period passed: re-examine keys with waiters, close unneeded watchers, forget idle keys. */
	void safetyTick() {
		this.engines.pumpWaiting();
		this.watchers.sweep();
		this.engines.retireIdle();
	}

	/** Where the keys of this backend are, and the session events go. */
	KeyEngines engines() {
		return this.engines;
	}

	private void checkOpen(String key) {
		if (this.closed.get()) {
			throw new PostgresLockException(key, "The PostgreSQL lock backend is closed");
		}
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "unknown-host";
		}
	}

	@Override
	public String toString() {
		return "PostgresLockBackend[" + this.settings.names().qualified("*") + "]";
	}

}
