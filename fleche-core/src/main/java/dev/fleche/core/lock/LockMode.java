package dev.fleche.core.lock;

/**
 * A mode in which a key can be held, defined by a compatibility rule over what is held now.
 * <p>
 * A request in this mode is granted only when every earlier request on the key was granted and
 * {@link #isCompatible(HeldModes)} answers {@code true} for the modes currently held. Modes are
 * identified by {@link #name()}: two modes with the same name must have the same rule, and on a
 * cross-process backend every process must define a custom mode the same way.
 */
public interface LockMode {

	/** Exclusive: compatible only with nothing held. */
	LockMode MUTEX = BuiltInModes.MUTEX;

	/** Shared: compatible with other readers, never with a writer or a mutex. */
	LockMode READ = BuiltInModes.READ;

	/** Exclusive writer: compatible only with nothing held. */
	LockMode WRITE = BuiltInModes.WRITE;

	/**
	 * A semaphore of {@code permits}: compatible while fewer than {@code permits} holders of this
	 * mode, and nothing else, hold the key.
	 * @param permits the number of concurrent holders, at least 1
	 */
	static LockMode semaphore(int permits) {
		return BuiltInModes.semaphore(permits);
	}

	/**
	 * A user-defined mode.
	 * @param name a stable, unique name
	 * @param rule the compatibility rule over the modes held now
	 */
	static LockMode of(String name, CompatibilityRule rule) {
		return new CustomMode(name, rule);
	}

	/** Stable name that identifies this mode, also across processes. */
	String name();

	/**
	 * Whether a request in this mode may be granted while {@code held} is held.
	 * @param held the modes held now, with their counts
	 */
	boolean isCompatible(HeldModes held);

	/**
	 * A compatibility rule for a user-defined mode.
	 */
	@FunctionalInterface
	interface CompatibilityRule {

		boolean isCompatible(HeldModes held);

	}

}
