package dev.fleche.autoconfigure.observation;

import java.util.Optional;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import dev.fleche.core.lock.Acquirable;
import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockService;

/**
 * Observes {@code @Locked} methods: {@value #ACQUIRE} for the wait (result {@code acquired},
 * {@code timeout}, {@code interrupted} or {@code error}) and {@value #HOLD} for the method run
 * under the lock (result {@code success} or {@code error}), each tagged with the backend, the
 * mode and the lock name; the full key is a high-cardinality value.
 */
public final class ObservedLocks implements LockObservation {

	/** The observation of a wait for a lock. */
	public static final String ACQUIRE = "fleche.lock.acquire";

	/** The observation of a method run under a lock. */
	public static final String HOLD = "fleche.lock.hold";

	private final Supplier<ObservationRegistry> registry;

	public ObservedLocks(Supplier<ObservationRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public Optional<LockHandle> acquire(LockService service, String name, Acquirable acquirable, Acquire acquire)
			throws InterruptedException {
		SafeObservations.Started started = start(ACQUIRE, service, name, acquirable);
		if (started == null) {
			return acquire.get();
		}
		Optional<LockHandle> handle;
		try {
			handle = acquire.get();
		}
		catch (InterruptedException ex) {
			started.stop("interrupted", ex);
			throw ex;
		}
		catch (RuntimeException | Error ex) {
			started.stop("error", ex);
			throw ex;
		}
		started.stop(handle.isPresent() ? "acquired" : "timeout", null);
		return handle;
	}

	@Override
	public @Nullable Object hold(LockService service, String name, Acquirable acquirable, MethodInvocation invocation)
			throws Throwable {
		SafeObservations.Started started = start(HOLD, service, name, acquirable);
		if (started == null) {
			return invocation.proceed();
		}
		Object result;
		try {
			result = invocation.proceed();
		}
		catch (Throwable ex) {
			started.stop("error", ex);
			throw ex;
		}
		started.stop("success", null);
		return result;
	}

	private SafeObservations.@Nullable Started start(String observation, LockService service, String name,
			Acquirable acquirable) {
		SafeObservations.Started started = SafeObservations.start(this.registry, observation, Observation.Context::new,
				"backend", service.backendName(), "mode", acquirable.mode().name(), "lock", name);
		if (started != null) {
			try {
				started.observation().highCardinalityKeyValue("fleche.lock.key", acquirable.key());
			}
			catch (RuntimeException ex) {
				SafeObservations.failed(observation, ex);
			}
		}
		return started;
	}

}
