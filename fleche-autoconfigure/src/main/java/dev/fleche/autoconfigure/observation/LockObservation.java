package dev.fleche.autoconfigure.observation;

import java.util.Optional;

import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import dev.fleche.core.lock.Acquirable;
import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockService;

/**
 * What the {@code @Locked} advice reports its waits and holds to. {@link #NONE} reports nothing;
 * {@link ObservedLocks} makes Micrometer observations of them.
 */
public interface LockObservation {

	/** Reports nothing. */
	LockObservation NONE = new LockObservation() {

		@Override
		public Optional<LockHandle> acquire(LockService service, String name, Acquirable acquirable, Acquire acquire)
				throws InterruptedException {
			return acquire.get();
		}

		@Override
		public @Nullable Object hold(LockService service, String name, Acquirable acquirable,
				MethodInvocation invocation) throws Throwable {
			return invocation.proceed();
		}

	};

	/**
	 * Runs {@code acquire}, the wait for {@code acquirable}.
	 * @param service the lock service
	 * @param name the lock's name (the key without its expression part)
	 */
	Optional<LockHandle> acquire(LockService service, String name, Acquirable acquirable, Acquire acquire)
			throws InterruptedException;

	/** Runs {@code invocation} while the lock is held. */
	@Nullable Object hold(LockService service, String name, Acquirable acquirable, MethodInvocation invocation)
			throws Throwable;

	/** A timed wait for a grant. */
	@FunctionalInterface
	interface Acquire {

		/** The grant, or empty on timeout. */
		Optional<LockHandle> get() throws InterruptedException;

	}

}
