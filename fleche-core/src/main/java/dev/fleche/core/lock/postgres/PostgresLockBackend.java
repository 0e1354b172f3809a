package dev.fleche.core.lock.postgres;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

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

	private static final AtomicInteger INSTANCES = new AtomicInteger();

	private final DataSource dataSource;

	private final PostgresLockSettings settings;

	private final LockSql sql;

	private final String host;

	private final Map<String, KeyEngine> engines = new ConcurrentHashMap<>();

	private final Map<String, KeyEngine> byPayload = new ConcurrentHashMap<>();

	private final GrantStatements grants = new GrantStatements(this);

	private final ExecutorService workers;

	private final ScheduledExecutorService timer;

	private final SessionWatchers watchers;

	private final SessionLoop loop;

	private final AtomicBoolean closed = new AtomicBoolean();

	private PostgresLockBackend(DataSource dataSource, ConnectionFactory sessions, PostgresLockSettings settings,
			LockSql sql, LockSession first) {
		this.dataSource = dataSource;
		this.settings = settings;
		this.sql = sql;
		this.host = hostName();
		int instance = INSTANCES.incrementAndGet();
		this.workers = Executors.newCachedThreadPool(daemons("fleche-pg-lock-" + instance + "-worker"));
		this.timer = Executors.newSingleThreadScheduledExecutor(daemons("fleche-pg-lock-" + instance + "-timer"));
		this.watchers = new SessionWatchers(sessions, this::pumpWaiting, daemons("fleche-pg-lock-" + instance + "-watch"));
		this.loop = new SessionLoop(this, sessions, "fleche-lock-session", first);
		daemons("fleche-pg-lock-" + instance + "-session").newThread(this.loop).start();
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
		TreeSet<String> keys = new TreeSet<>(this.engines.keySet());
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
		for (KeyEngine engine : this.engines.values()) {
			if (engine.grants.values().stream().anyMatch((grant) -> grant.tags.contains(tag))) {
				released += withEngine(engine.key(), (current) -> current.section((tx) -> {
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
		averager(key, this.sql.averageAdd, value);
	}

	@Override
	public OptionalDouble averageGet(String key) {
		return averager(key, this.sql.averageGet, null);
	}

	@Override
	public OptionalDouble averagePop(String key) {
		return averager(key, this.sql.averagePop, null);
	}

	private OptionalDouble averager(String key, String statementSql, @Nullable Double add) {
		Objects.requireNonNull(key, "key");
		checkOpen(key);
		try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(statementSql)) {
			statement.setString(1, key);
			if (add != null) {
				statement.setDouble(2, add);
				statement.executeUpdate();
				return OptionalDouble.empty();
			}
			try (ResultSet row = statement.executeQuery()) {
				return row.next() ? OptionalDouble.of(row.getDouble(1) / row.getLong(2)) : OptionalDouble.empty();
			}
		}
		catch (SQLException ex) {
			throw new PostgresLockException(key, "The averager '" + key + "' failed in PostgreSQL", ex);
		}
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
		for (KeyEngine engine : this.engines.values()) {
			List<PostgresRequest> failed = new ArrayList<>();
			engine.gate.lock();
			try {
				failed.addAll(engine.waiting);
				engine.waiting.clear();
				engine.grants.values().forEach((grant) -> grant.done = true);
				engine.grants.clear();
			}
			finally {
				engine.gate.unlock();
			}
			failed.forEach((request) -> request.future
				.completeExceptionally(new PostgresLockException(engine.key(), "The PostgreSQL lock backend was closed")));
		}
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
		this.timer.shutdownNow();
		this.workers.shutdownNow();
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

	/** Runs {@code operation} on the engine of {@code key}, under its gate. */
	<T> T withEngine(String key, Function<KeyEngine, T> operation) {
		while (true) {
			KeyEngine engine = this.engines.computeIfAbsent(key, (k) -> {
				KeyEngine created = new KeyEngine(this, k);
				this.byPayload.put(created.payload(), created);
				return created;
			});
			engine.gate.lock();
			try {
				if (this.engines.get(key) == engine) {
					return operation.apply(engine);
				}
			}
			finally {
				engine.gate.unlock();
			}
		}
	}

	void execute(Runnable task) {
		if (!this.closed.get()) {
			try {
				this.workers.execute(task);
			}
			catch (java.util.concurrent.RejectedExecutionException ex) {
				// closing
			}
		}
	}

	void schedule(Runnable task, long delayMillis) {
		if (!this.closed.get()) {
			try {
				this.timer.schedule(() -> execute(task), delayMillis, TimeUnit.MILLISECONDS);
			}
			catch (java.util.concurrent.RejectedExecutionException ex) {
				// closing
			}
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
			withEngine(engine.key(), (current) -> current.section((tx) -> null));
		}
		catch (LockException ex) {
			logger.debug("Could not re-examine lock '{}'", engine.key(), ex);
			if (engine.isActive()) {
				pumpLater(engine, this.settings.reconnectDelay().toMillis());
			}
		}
	}

	/** A notification named the key whose MD5 is {@code payload}. */
	void notified(String payload) {
		KeyEngine engine = this.byPayload.get(payload);
		if (engine != null && !engine.waiting.isEmpty()) {
			engine.handoff();
		}
	}

	/** Re-examines every key with waiters here. */
	void pumpWaiting() {
		for (KeyEngine engine : this.engines.values()) {
			if (!engine.waiting.isEmpty()) {
				engine.schedulePump();
			}
		}
	}

	/** The safety period passed: re-examine keys with waiters, close unneeded watchers, forget idle keys. */
	void safetyTick() {
		pumpWaiting();
		this.watchers.sweep();
		for (KeyEngine engine : this.engines.values()) {
			if (!engine.isActive() && engine.gate.tryLock()) {
				try {
					if (!engine.isActive()) {
						this.engines.remove(engine.key(), engine);
						this.byPayload.remove(engine.payload(), engine);
					}
				}
				finally {
					engine.gate.unlock();
				}
			}
		}
	}

	/** The session's connection failed: its grants are in doubt. */
	void sessionFailed(LockSession failed) {
		for (KeyEngine engine : this.engines.values()) {
			for (PostgresGrant grant : engine.grants.values()) {
				if (grant.session == failed.id()) {
					grant.signalInDoubt();
				}
			}
		}
	}

	/** The failed session is confirmed ended and its rows removed: its grants are lost; waiters queue again. */
	void sessionReplaced(LockSession failed) {
		for (KeyEngine engine : this.engines.values()) {
			List<PostgresGrant> lost = new ArrayList<>();
			engine.gate.lock();
			try {
				for (PostgresGrant grant : engine.grants.values()) {
					if (grant.session == failed.id()) {
						engine.grants.remove(grant.ticket, grant);
						lost.add(grant);
					}
				}
			}
			finally {
				engine.gate.unlock();
			}
			lost.forEach(PostgresGrant::signalLost);
			if (!engine.waiting.isEmpty()) {
				engine.schedulePump();
			}
		}
	}

	private void checkOpen(String key) {
		if (this.closed.get()) {
			throw new PostgresLockException(key, "The PostgreSQL lock backend is closed");
		}
	}

	private static ThreadFactory daemons(String name) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
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
