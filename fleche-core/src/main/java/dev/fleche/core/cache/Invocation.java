package dev.fleche.core.cache;

import org.jspecify.annotations.Nullable;

/**
 * Runs the real function on a miss.
 */
@FunctionalInterface
public interface Invocation {

	/** Computes the result; whatever it throws reaches the caller unchanged. */
	@Nullable Object proceed() throws Throwable;

}
