package dev.fleche.core.lock.spi;

import java.util.List;
import java.util.OptionalDouble;

import dev.fleche.core.lock.LockState;

/**
 * A place where locks live: one JVM, a directory shared by processes on one host, or a server.
 * Implementations are thread-safe.
 */
public interface LockBackend extends AutoCloseable {

	/** A short name, such as {@code local} or {@code disk}. */
	String name();

	/** The queue of {@code key}. */
	KeyQueue queue(String key);

	/** Snapshots of the keys this backend knows now. */
	List<LockState> states();

	/**
	 * Takes away every grant made with {@code tag} among its options; their holders' {@link Grant#lost()}
	 * complete.
	 * @return the number of grants taken away
	 */
	int releaseTagged(String tag);

	/** Adds a value to the running average under {@code key}, atomically. */
	void averageAdd(String key, double value);

	/** The running average under {@code key}, or empty. */
	OptionalDouble averageGet(String key);

	/** Returns and removes the running average under {@code key}, atomically. */
	OptionalDouble averagePop(String key);

	/** Releases resources. */
	@Override
	void close();

}
