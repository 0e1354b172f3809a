package dev.fleche.core.serial;

import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;

/**
 * Turns values into stored bytes and back into a declared, possibly generic, type. Implementations
 * are thread-safe and never deserialize into a type other than the one asked for.
 */
public interface Serializer {

	/** A short, stable identifier of the format, stored with the bytes. */
	String id();

	/**
	 * The bytes of {@code value}.
	 * @throws SerializationException if the value cannot be serialized
	 */
	byte[] serialize(@Nullable Object value);

	/**
	 * The value read from {@code bytes} as a {@code type}.
	 * @throws SerializationException if the bytes are not a {@code type} in this format
	 */
	@Nullable Object deserialize(byte[] bytes, Type type);

	/**
	 * Why no value declared as {@code type} could be read back, as far as can be told without a
	 * value (for a start-up check of declared return types), or {@code null} when nothing is known
	 * against it. The default knows nothing.
	 */
	default @Nullable String readBackProblem(Type type) {
		return null;
	}

}
