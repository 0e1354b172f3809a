package dev.fleche.autoconfigure.observation;

import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, tags and stops observations so that a failing registry, handler or convention never
 * reaches the observed call: a failure is logged once per kind and the call goes on unobserved.
 */
final class SafeObservations {

	private static final Logger logger = LoggerFactory.getLogger(SafeObservations.class);

	private SafeObservations() {
	}

	/** A started observation with its scope open, or null if starting failed. */
	static @Nullable Started start(Supplier<ObservationRegistry> registry, String name,
			Supplier<Observation.Context> context, String... lowCardinality) {
		try {
			Observation observation = Observation.createNotStarted(name, context, registry.get());
			for (int i = 0; i + 1 < lowCardinality.length; i += 2) {
				observation.lowCardinalityKeyValue(lowCardinality[i], lowCardinality[i + 1]);
			}
			observation.start();
			return new Started(observation, observation.openScope());
		}
		catch (RuntimeException ex) {
			failed(name, ex);
			return null;
		}
	}

	static void failed(String name, RuntimeException ex) {
		logger.warn("Observation '{}' failed and was skipped; the call went on: {}", name, ex.toString());
	}

	/**
	 * An observation in progress with its scope.
	 *
	 * @param observation the observation
	 * @param scope its scope on the calling thread
	 */
	record Started(Observation observation, Observation.Scope scope) {

		/** Tags {@code key} with {@code value}. */
		void tag(String key, String value) {
			try {
				this.observation.lowCardinalityKeyValue(key, value);
			}
			catch (RuntimeException ex) {
				failed(this.observation.getContext().getName(), ex);
			}
		}

		/** Closes the scope on this thread; the observation goes on until {@link #stop}. */
		void closeScope() {
			try {
				this.scope.close();
			}
			catch (RuntimeException ex) {
				failed(this.observation.getContext().getName(), ex);
			}
		}

		/** Tags the result, records an error if any, closes the scope if still open and stops. */
		void stop(String result, @Nullable Throwable error) {
			try {
				this.observation.lowCardinalityKeyValue("result", result);
				if (error != null) {
					this.observation.error(error);
				}
				this.scope.close();
				this.observation.stop();
			}
			catch (RuntimeException ex) {
				failed(this.observation.getContext().getName(), ex);
			}
		}

	}

}
