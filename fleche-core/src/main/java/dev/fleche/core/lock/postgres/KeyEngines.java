package dev.fleche.core.lock.postgres;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The keys this backend uses, by key and by notification payload: looks them up under their
 * gate, forgets idle ones, and hands them the backend's events (a notification, the safety
 * period, a failed or replaced lock session).
 */
final class KeyEngines {

	private final PostgresLockBackend backend;

	private final Map<String, KeyEngine> engines = new ConcurrentHashMap<>();

	private final Map<String, KeyEngine> byPayload = new ConcurrentHashMap<>();

	KeyEngines(PostgresLockBackend backend) {
		this.backend = backend;
	}

	/** Runs {@code operation} on the engine of {@code key}, under its gate. */
	<T> T withEngine(String key, Function<KeyEngine, T> operation) {
		while (true) {
			KeyEngine engine = this.engines.computeIfAbsent(key, (k) -> {
				KeyEngine created = new KeyEngine(this.backend, k);
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

	Collection<KeyEngine> all() {
		return this.engines.values();
	}

	Set<String> keys() {
		return this.engines.keySet();
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

	/** Forgets the keys this process neither waits on nor holds. */
	void retireIdle() {
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

	/** Fails this process's waiting requests and forgets its grants, on close. */
	void closeAll() {
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
	}

}
