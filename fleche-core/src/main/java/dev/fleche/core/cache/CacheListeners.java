package dev.fleche.core.cache;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.fleche.core.digest.Digest;

/**
 * The listeners of one cache; a listener that throws is logged and never reaches the call.
 */
final class CacheListeners {

	private static final Logger logger = LoggerFactory.getLogger(CacheListeners.class);

	private final List<CallCacheListener> listeners = new CopyOnWriteArrayList<>();

	void add(CallCacheListener listener) {
		this.listeners.add(listener);
	}

	void hit(String function, Digest key) {
		each(listener -> listener.hit(function, key));
	}

	void miss(String function, long computeNanos) {
		each(listener -> listener.miss(function, computeNanos));
	}

	void error(String function, Throwable error) {
		each(listener -> listener.error(function, error));
	}

	private void each(Consumer<CallCacheListener> event) {
		for (CallCacheListener listener : this.listeners) {
			try {
				event.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.warn("Call cache listener {} failed; ignored", listener, ex);
			}
		}
	}

}
