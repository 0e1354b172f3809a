package dev.fleche.core.lock;

import java.util.OptionalDouble;

/**
 * A running average under a key; each operation is atomic, also across processes on a shared
 * backend.
 */
public interface Averager {

	/** The key. */
	String key();

	/** Adds one value. */
	void add(double value);

	/** The average of the values added, or empty if none. */
	OptionalDouble get();

	/** Returns the average, like {@link #get()}, and removes it, atomically. */
	OptionalDouble pop();

}
