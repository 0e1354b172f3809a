package dev.fleche.core.lock.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.fleche.core.lock.HeldModes;
import dev.fleche.core.lock.LockException;
import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.LockState;
import dev.fleche.core.lock.spi.Grant;
import dev.fleche.core.lock.spi.KeyQueue;
import dev.fleche.core.lock.spi.Owner;

/**
 * A view of one key's queue in the database.
 */
final class PostgresKeyQueue implements KeyQueue {

	private static final Logger logger = LoggerFactory.getLogger(PostgresKeyQueue.class);

	private final PostgresLockBackend backend;

	private final String key;

	PostgresKeyQueue(PostgresLockBackend backend, String key) {
		this.backend = backend;
		this.key = key;
	}

	@Override
	public String key() {
		return this.key;
	}

	@Override
	public @Nullable Grant tryAcquire(LockMode mode, Owner owner, LockOptions options) {
		return this.backend.engines().withEngine(this.key, (engine) -> {
			Grant fast = tryEmpty(engine, mode, owner, options);
			if (fast != null) {
				return fast;
			}
			return engine.section((tx) -> grantableNow(engine, tx, mode, options)
					? grantNew(engine, tx, mode, owner, options) : null);
		});
	}

	@Override
	public CompletableFuture<Grant> enqueue(LockMode mode, Owner owner, LockOptions options) {
		PostgresRequest request = new PostgresRequest(mode, owner, options);
		Object outcome = this.backend.engines().withEngine(this.key, (engine) -> {
			Grant fast = tryEmpty(engine, mode, owner, options);
			if (fast != null) {
				return fast;
			}
			return engine.section((tx) -> {
				if (grantableNow(engine, tx, mode, options)) {
					return grantNew(engine, tx, mode, owner, options);
				}
				Entry entry = tx.append(engine.ownerLabel(owner), mode.name(), options.tags());
				request.ticket = entry.ticket;
				request.session = tx.session;
				tx.mine.put(entry.ticket, request);
				return request;
			});
		});
		if (outcome instanceof Grant grant) {
			return CompletableFuture.completedFuture(grant);
		}
		request.future.whenComplete((grant, failure) -> {
			if (failure != null) {
				withdraw();
			}
		});
		return request.future;
	}

	/** Runs a section, in which the walk takes withdrawn requests out and lets those behind through. */
	private void withdraw() {
		try {
			this.backend.engines().withEngine(this.key, (engine) -> engine.section((tx) -> null));
		}
		catch (LockException ex) {
			logger.debug("Could not withdraw a request for lock '{}' now; retried later", this.key, ex);
			this.backend.engines().withEngine(this.key, (engine) -> {
				this.backend.pumpLater(engine, this.backend.settings().reconnectDelay().toMillis());
				return null;
			});
		}
	}

	private @Nullable Grant tryEmpty(KeyEngine engine, LockMode mode, Owner owner, LockOptions options) {
		LockSession session = this.backend.requireSession(this.key);
		if (!engine.walk().compatible(mode, HeldModes.none())) {
			return null;
		}
		return this.backend.grants().tryEmpty(engine, session, mode, owner, options);
	}

	private static boolean grantableNow(KeyEngine engine, QueueTx tx, LockMode mode, LockOptions options) {
		return (!tx.hasWaiting() || !options.fair()) && engine.walk().compatible(mode, tx.held());
	}

	private static Grant grantNew(KeyEngine engine, QueueTx tx, LockMode mode, Owner owner, LockOptions options) {
		Entry entry = tx.append(engine.ownerLabel(owner), mode.name(), options.tags());
		tx.grant(entry, KeyEngine.leaseMillis(options));
		return engine.newGrant(tx, entry, mode, owner, options);
	}

	@Override
	public HeldModes held() {
		return this.backend.engines().withEngine(this.key, (engine) -> engine.section(QueueTx::held));
	}

	@Override
	public int queueLength() {
		return this.backend.engines().withEngine(this.key, (engine) -> engine.section(QueueTx::waitingCount));
	}

	@Override
	public LockState state() {
		return this.backend.engines().withEngine(this.key, (engine) -> engine.section((tx) -> {
			List<LockState.Holder> holders = new ArrayList<>();
			Set<String> tags = new TreeSet<>();
			for (Entry entry : tx.entries) {
				tags.addAll(entry.tags);
				if (entry.isGranted()) {
					holders.add(new LockState.Holder(entry.owner, entry.mode, entry.token, entry.grantedAt,
							(entry.leaseExpires != null) ? entry.leaseExpires : 0));
				}
			}
			return new LockState(this.key, PostgresLockBackend.NAME, holders, tx.waitingCount(), tx.lastToken, tags);
		}));
	}

	@Override
	public String toString() {
		return "PostgresKeyQueue[" + this.key + "]";
	}

}
