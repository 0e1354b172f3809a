package dev.fleche.core.cache.eviction;

/**
 * Held by a save of a call and its values from before the first value is written until the call
 * record is, so a collection of orphan values never deletes a value that a save in progress reuses.
 */
public interface SaveGuard {

	/** A guard that guards nothing. */
	SaveGuard NONE = () -> () -> {
	};

	/** Starts a save; close the returned scope when the call record is written (or failed). */
	Scope saving();

	/** The span of one save. */
	interface Scope extends AutoCloseable {

		@Override
		void close();

	}

}
