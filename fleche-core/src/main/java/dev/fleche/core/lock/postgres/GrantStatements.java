package dev.fleche.core.lock.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.spi.Owner;

/**
 * The one-statement operations: the uncontended grant, release and lease extension. Each is one
 * server function call in auto-commit, one round trip.
 */
final class GrantStatements {

	private static final Logger logger = LoggerFactory.getLogger(GrantStatements.class);

	private final PostgresLockBackend backend;

	GrantStatements(PostgresLockBackend backend) {
		this.backend = backend;
	}

	/**
	 * Grants at once if the key's queue is empty; {@code null} if it is not. Called under the
	 * engine's gate.
	 */
	@Nullable PostgresGrant tryEmpty(KeyEngine engine, LockSession session, LockMode mode, Owner owner,
			LockOptions options) {
		Long lease = KeyEngine.leaseMillis(options);
		try (Connection connection = this.backend.connection();
				PreparedStatement statement = connection.prepareStatement(this.backend.sql().tryGrant)) {
			statement.setString(1, engine.key());
			statement.setString(2, engine.key());
			statement.setInt(3, session.id());
			statement.setString(4, engine.ownerLabel(owner));
			statement.setString(5, mode.name());
			if (lease != null) {
				statement.setLong(6, lease);
			}
			else {
				statement.setNull(6, Types.BIGINT);
			}
			statement.setArray(7, connection.createArrayOf("text", options.tags().toArray(new String[0])));
			try (ResultSet row = statement.executeQuery()) {
				if (!row.next()) {
					return null;
				}
				long token = row.getLong(1);
				long ticket = row.getLong(2);
				long now = row.getLong(3);
				long expires = row.getLong(4);
				PostgresGrant grant = new PostgresGrant(engine, ticket, session.id(), token, mode, owner, options.tags(),
						row.wasNull() ? 0 : expires, now);
				engine.grants.put(ticket, grant);
				if (lease != null) {
					this.backend.pumpLater(engine, lease + 1);
				}
				return grant;
			}
		}
		catch (SQLException ex) {
			throw new PostgresLockException(engine.key(), "Could not acquire lock '" + engine.key() + "' in PostgreSQL",
					ex);
		}
	}

	/**
	 * The handoff in one statement: grants the first local request if it is first in the queue and
	 * nothing is held. Called under the engine's gate; the future completes in {@code after}.
	 * @return whether it was granted
	 */
	boolean grantFirst(KeyEngine engine, LockSession session, PostgresRequest request, java.util.List<Runnable> after)
			throws SQLException {
		Long lease = KeyEngine.leaseMillis(request.options);
		try (Connection connection = this.backend.connection();
				PreparedStatement statement = connection.prepareStatement(this.backend.sql().grantFirst)) {
			statement.setString(1, engine.key());
			statement.setLong(2, request.ticket);
			statement.setInt(3, session.id());
			if (lease != null) {
				statement.setLong(4, lease);
			}
			else {
				statement.setNull(4, Types.BIGINT);
			}
			try (ResultSet row = statement.executeQuery()) {
				if (!row.next()) {
					return false;
				}
				long token = row.getLong(1);
				long now = row.getLong(2);
				long expires = row.getLong(3);
				PostgresGrant grant = new PostgresGrant(engine, request.ticket, session.id(), token, request.mode,
						request.owner, request.options.tags(), row.wasNull() ? 0 : expires, now);
				engine.grants.put(request.ticket, grant);
				engine.waiting.remove(request);
				if (lease != null) {
					this.backend.pumpLater(engine, lease + 1);
				}
				after.add(() -> {
					if (!request.future.complete(grant)) {
						grant.release();
					}
				});
				return true;
			}
		}
	}

	/** Releases {@code grant}; false if it was released or lost before. */
	boolean release(KeyEngine engine, PostgresGrant grant) {
		synchronized (grant) {
			if (grant.done) {
				return false;
			}
			grant.done = true;
		}
		boolean leaseValid = grant.isHeldIgnoringDone();
		try {
			Boolean held = releaseRow(engine, grant);
			engine.grants.remove(grant.ticket, grant);
			if (held == null || !held || !leaseValid) {
				grant.signalLost();
				return false;
			}
			return true;
		}
		catch (SQLException ex) {
			logger.warn("Could not release lock '{}' (token {}) in PostgreSQL; retrying in the background",
					engine.key(), grant.token(), ex);
			this.backend.schedule(() -> retryRelease(engine, grant, 1), 100);
			return leaseValid;
		}
	}

	private void retryRelease(KeyEngine engine, PostgresGrant grant, int attempt) {
		LockSession session = this.backend.currentSession();
		try {
			if (session != null && session.id() != grant.session) {
				engine.grants.remove(grant.ticket, grant);
				return;
			}
			releaseRow(engine, grant);
			engine.grants.remove(grant.ticket, grant);
		}
		catch (SQLException | RuntimeException ex) {
			if (!this.backend.isClosed()) {
				this.backend.schedule(() -> retryRelease(engine, grant, attempt + 1), Math.min(2000, 100L * attempt));
			}
		}
	}

	private @Nullable Boolean releaseRow(KeyEngine engine, PostgresGrant grant) throws SQLException {
		try (Connection connection = this.backend.connection();
				PreparedStatement statement = connection.prepareStatement(this.backend.sql().release)) {
			statement.setString(1, engine.key());
			statement.setLong(2, grant.ticket);
			statement.setInt(3, grant.session);
			try (ResultSet row = statement.executeQuery()) {
				return row.next() ? row.getInt(1) == 1 : null;
			}
		}
	}

	/** Extends the lease of {@code grant} to {@code lease} from now; false if it is no longer held. */
	boolean extend(KeyEngine engine, PostgresGrant grant, Duration lease) {
		if (!grant.isHeld()) {
			return false;
		}
		long millis = Math.max(1, lease.toMillis());
		try (Connection connection = this.backend.connection();
				PreparedStatement statement = connection.prepareStatement(this.backend.sql().extend)) {
			statement.setString(1, engine.key());
			statement.setLong(2, grant.ticket);
			statement.setInt(3, grant.session);
			statement.setLong(4, millis);
			try (ResultSet row = statement.executeQuery()) {
				if (!row.next()) {
					return false;
				}
				long expires = row.getLong(1);
				grant.setLease(expires, expires - millis);
				this.backend.pumpLater(engine, millis + 1);
				return true;
			}
		}
		catch (SQLException ex) {
			throw new PostgresLockException(engine.key(), "Could not extend the lease of lock '" + engine.key() + "'", ex);
		}
	}

}
