package dev.fleche.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.fleche.autoconfigure.cache.InvalidCachedCallException;
import dev.fleche.autoconfigure.lock.InvalidLockedMethodException;
import dev.fleche.autoconfigure.startup.UnproxyableMethodException;
import dev.fleche.core.FlecheException;
import dev.fleche.core.lock.LockException;
import dev.fleche.core.storage.CorruptEntryException;
import dev.fleche.core.storage.StorageException;

/**
 * Turns Fleche's start-up exceptions into a description and an action, as Spring Boot does for
 * its own: a badly declared {@code @CachedCall} or {@code @Locked} method, a method the proxy
 * cannot intercept, a storage or lock directory that cannot be opened.
 */
public final class FlecheFailureAnalyzer extends AbstractFailureAnalyzer<FlecheException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, FlecheException cause) {
		String description = cause.getMessage();
		return new FailureAnalysis(description, action(cause), cause);
	}

	private static String action(FlecheException cause) {
		if (cause instanceof UnproxyableMethodException) {
			return "Make the method public (or at least not private), not final and not static, and call it "
					+ "through the bean rather than on 'this'.";
		}
		if (cause instanceof InvalidCachedCallException) {
			return "Fix the @CachedCall annotation or the return type of the method named above; "
					+ "compile with '-parameters' if parameter names are missing.";
		}
		if (cause instanceof InvalidLockedMethodException) {
			return "Fix the @Locked annotation of the method named above: its key expression may only use the "
					+ "method's parameters (by name, #p0 or #a0), #root and beans (@name); durations look like "
					+ "500ms, 5s or PT5S.";
		}
		if (cause instanceof CorruptEntryException) {
			return "The store file named above is damaged or not a Fleche store: move it away, or point "
					+ "'fleche.storage.path' to another directory.";
		}
		if (cause instanceof StorageException) {
			return "Check 'fleche.storage.path' and 'fleche.storage.type': the directory must be on a local "
					+ "filesystem, creatable and writable by this process.";
		}
		if (cause instanceof LockException) {
			return "Check 'fleche.lock.backend' and 'fleche.lock.directory' (by default 'locks' under "
					+ "'fleche.storage.path'): the directory must be local, creatable and writable.";
		}
		return "See the message above; Fleche's settings are under 'fleche.*'.";
	}

}
