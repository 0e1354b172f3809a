package dev.fleche.core.lock.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
				tx = SectionSql.open(connection, this.backend.sql(), this.key, session.id());
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
					SectionSql.write(connection, this.backend.sql(), this.key, tx);
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

	@Override
	public String toString() {
		return "KeyEngine[" + this.key + "]";
	}

}
