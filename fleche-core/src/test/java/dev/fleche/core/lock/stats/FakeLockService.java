package dev.fleche.core.lock.stats;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.fleche.core.lock.LockListener;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.LockState;

/**
 * A lock service that only answers what statistics ask of it: its name, its states, and listener
 * registration. States are set by the test.
 */
final class FakeLockService {

	final Map<String, LockState> states = new ConcurrentHashMap<>();

	final List<LockListener> listeners = new ArrayList<>();

	final LockService service = (LockService) Proxy.newProxyInstance(getClass().getClassLoader(),
			new Class<?>[] { LockService.class }, (proxy, method, args) -> switch (method.getName()) {
				case "backendName" -> "fake";
				case "state" -> Optional.ofNullable(this.states.get((String) args[0]));
				case "states" -> List.copyOf(this.states.values());
				case "addListener" -> this.listeners.add((LockListener) args[0]);
				case "toString" -> "FakeLockService";
				case "hashCode" -> System.identityHashCode(proxy);
				case "equals" -> proxy == args[0];
				default -> throw new IllegalStateException("Not used by statistics: " + method.getName());
			});

}
