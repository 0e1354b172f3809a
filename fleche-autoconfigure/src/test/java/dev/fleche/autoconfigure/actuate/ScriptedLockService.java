package dev.fleche.autoconfigure.actuate;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.fleche.core.lock.LockListener;
import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.LockState;

/**
 * A lock service whose use is scripted by the test: it tells its listeners what the test says
 * happened, and reports the states the test sets.
 */
public final class ScriptedLockService {

	private final Map<String, LockState> states = new ConcurrentHashMap<>();

	private final List<LockListener> listeners = new CopyOnWriteArrayList<>();

	private final LockService service;

	public ScriptedLockService(String backend) {
		this.service = (LockService) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { LockService.class }, (proxy, method, args) -> switch (method.getName()) {
					case "backendName" -> backend;
					case "state" -> Optional.ofNullable(this.states.get((String) args[0]));
					case "states" -> List.copyOf(this.states.values());
					case "addListener" -> this.listeners.add((LockListener) args[0]);
					case "close" -> null;
					case "toString" -> "ScriptedLockService[" + backend + "]";
					case "hashCode" -> System.identityHashCode(proxy);
					case "equals" -> proxy == args[0];
					default -> throw new IllegalStateException("Not scripted: " + method.getName());
				});
	}

	/** The service. */
	public LockService service() {
		return this.service;
	}

	/** The listeners registered. */
	public List<LockListener> listeners() {
		return this.listeners;
	}

	/** Sets what the service reports of a key. */
	public void state(LockState state) {
		this.states.put(state.key(), state);
	}

	/** Tells the listeners a request waited, was granted and released. */
	public void use(String key, LockMode mode, long token, long waitNanos, long heldNanos) {
		if (waitNanos > 0) {
			this.listeners.forEach((listener) -> listener.waiting(key, mode));
		}
		this.listeners.forEach((listener) -> listener.acquired(key, mode, token, waitNanos, waitNanos > 0));
		this.listeners.forEach((listener) -> listener.released(key, mode, heldNanos));
	}

	/** Tells the listeners a request timed out. */
	public void timeOut(String key, LockMode mode, long waitNanos) {
		this.listeners.forEach((listener) -> listener.waiting(key, mode));
		this.listeners.forEach((listener) -> listener.timedOut(key, mode, waitNanos));
	}

}
