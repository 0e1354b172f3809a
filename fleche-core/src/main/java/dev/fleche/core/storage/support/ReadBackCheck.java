package dev.fleche.core.storage.support;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.serial.Serializer;
import dev.fleche.core.storage.SaveException;

/**
 * Refuses, at save, a value whose type cannot be read back into itself: the first value of each
 * class is deserialized from its own bytes into its class (and a class generated at run time, such
 * as a lambda's, is refused outright); the verdict is kept per class, so later saves pay one map
 * lookup.
 */
final class ReadBackCheck {

	private final Serializer serializer;

	private final ConcurrentHashMap<Class<?>, Optional<String>> verdicts = new ConcurrentHashMap<>();

	ReadBackCheck(Serializer serializer) {
		this.serializer = serializer;
	}

	/**
	 * @throws SaveException naming the type if values of it cannot be read back
	 */
	void check(@Nullable Object value, byte[] payload) {
		if (value == null) {
			return;
		}
		Class<?> type = value.getClass();
		Optional<String> problem = this.verdicts.get(type);
		if (problem == null) {
			problem = Optional.ofNullable(probe(type, payload));
			this.verdicts.putIfAbsent(type, problem);
		}
		if (problem.isPresent()) {
			throw new SaveException("Cannot save a value of " + type.getName()
					+ ": it could not be loaded back (" + problem.get() + "); nothing was stored");
		}
	}

	private @Nullable String probe(Class<?> type, byte[] payload) {
		if (type.isHidden() || type.isSynthetic()) {
			return "its class is generated at run time, as a lambda's is";
		}
		try {
			this.serializer.deserialize(payload, type);
			return null;
		}
		catch (RuntimeException | StackOverflowError | LinkageError ex) {
			return ex.toString();
		}
	}

}
