package dev.fleche.core.lock.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.fleche.core.lock.LockListener;
import dev.fleche.core.lock.LockMode;

/**
 * The listeners of one service. A listener that throws is logged and ignored.
 */
final class Listeners {

	private static final Logger logger = LoggerFactory.getLogger(Listeners.class);

	private final List<LockListener> listeners = new CopyOnWriteArrayList<>();

	void add(LockListener listener) {
		this.listeners.add(listener);
	}

	boolean isEmpty() {
		return this.listeners.isEmpty();
	}

	void waiting(String key, LockMode mode) {
		each(key, (listener) -> listener.waiting(key, mode));
	}

	void acquired(String key, LockMode mode, long token, long waitNanos, boolean contended) {
		each(key, (listener) -> listener.acquired(key, mode, token, waitNanos, contended));
	}

	void released(String key, LockMode mode, long heldNanos) {
		each(key, (listener) -> listener.released(key, mode, heldNanos));
	}

	void timedOut(String key, LockMode mode, long waitNanos) {
		each(key, (listener) -> listener.timedOut(key, mode, waitNanos));
	}

	void leaseLost(String key, long token) {
		each(key, (listener) -> listener.leaseLost(key, token));
	}

	void leaseInDoubt(String key, long token) {
		each(key, (listener) -> listener.leaseInDoubt(key, token));
	}

	private void each(String key, Consumer<LockListener> event) {
		if (this.listeners.isEmpty()) {
			return;
		}
		for (LockListener listener : this.listeners) {
			try {
				event.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.warn("Lock listener {} failed on key '{}'; ignored", listener, key, ex);
			}
		}
	}

}
