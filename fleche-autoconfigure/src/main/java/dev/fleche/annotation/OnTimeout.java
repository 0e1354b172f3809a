package dev.fleche.annotation;

/**
 * What a {@link Locked} method does when it is not granted within its wait timeout.
 */
public enum OnTimeout {

	/** Throw {@link dev.fleche.core.lock.LockTimeoutException}, naming the key. */
	THROW,

	/**
	 * Skip the method: return {@code null}, or {@code Optional.empty()} for an {@code Optional}
	 * return type. Not allowed on methods that return a primitive.
	 */
	SKIP

}
