package dev.fleche.core.serial;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Type;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.text.SafeText;

/**
 * Plain Java serialization, for users who opt in. Reading is allowed only for the classes an
 * allow-list names (an {@link ObjectInputFilter} pattern such as {@code "com.example.**"}); every
 * other class is rejected before it is instantiated. The filter also bounds the stream
 * ({@link Limits}): graph depth, array length, object references and bytes read, so a crafted
 * stream cannot exhaust the stack or the heap. Whatever goes wrong while reading, an {@code Error}
 * included, is a {@link SerializationException}.
 */
public final class JavaSerializer implements Serializer {

	/** The id stored with entries written by this serializer. */
	public static final String ID = "java";

	private static final String BASELINE = "java.lang.*;java.util.*;java.time.*;java.math.*";

	private final ObjectInputFilter filter;

	private JavaSerializer(ObjectInputFilter filter) {
		this.filter = filter;
	}

	/**
	 * A serializer that reads only classes matching {@code patterns} (in
	 * {@link ObjectInputFilter.Config#createFilter(String)} syntax), besides the basic
	 * {@code java.lang}, {@code java.util}, {@code java.time} and {@code java.math} types.
	 * @throws IllegalArgumentException if the list is empty or a pattern is malformed
	 */
	public static JavaSerializer allowing(List<String> patterns) {
		return allowing(patterns, Limits.DEFAULT);
	}

	/**
	 * A serializer that reads only classes matching {@code patterns}, within {@code limits}.
	 * @throws IllegalArgumentException if the list is empty or a pattern is malformed
	 */
	public static JavaSerializer allowing(List<String> patterns, Limits limits) {
		if (patterns.isEmpty()) {
			throw new IllegalArgumentException("Java deserialization needs an allow-list of class patterns");
		}
		for (String pattern : patterns) {
			if (pattern.isBlank() || pattern.contains(";") || pattern.startsWith("!")) {
				throw new IllegalArgumentException("Invalid allow-list pattern " + SafeText.quote(pattern));
			}
		}
		String spec = limits.pattern() + BASELINE + ";" + String.join(";", patterns) + ";!*";
		return new JavaSerializer(ObjectInputFilter.Config.createFilter(spec));
	}

	@Override
	public String id() {
		return ID;
	}

	@Override
	public byte[] serialize(@Nullable Object value) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(value);
		}
		catch (IOException ex) {
			throw new SerializationException("Cannot serialize a value of "
					+ (value == null ? "null" : value.getClass().getName()) + " with Java serialization: " + ex, ex);
		}
		return bytes.toByteArray();
	}

	@Override
	public @Nullable Object deserialize(byte[] bytes, Type type) {
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
			in.setObjectInputFilter(this.filter);
			Object value = in.readObject();
			Class<?> raw = rawClass(type);
			if (value != null && raw != null && !boxed(raw).isInstance(value)) {
				throw new SerializationException("Stored " + value.getClass().getName() + " is not a " + type.getTypeName());
			}
			return value;
		}
		catch (InvalidClassException ex) {
			throw new SerializationException("Java deserialization rejected by the allow-list: " + ex.getMessage(), ex);
		}
		catch (IOException | ClassNotFoundException | RuntimeException ex) {
			if (ex instanceof SerializationException serialization) {
				throw serialization;
			}
			throw new SerializationException("Cannot read Java-serialized bytes as " + type.getTypeName() + ": " + ex, ex);
		}
		catch (StackOverflowError | OutOfMemoryError | LinkageError | AssertionError ex) {
			throw new SerializationException("Reading Java-serialized bytes as " + type.getTypeName() + " failed: " + ex, ex);
		}
	}

	/**
	 * Bounds on a Java-serialized stream, enforced by the deserialization filter.
	 *
	 * @param maxDepth the deepest object graph
	 * @param maxArrayLength the longest array
	 * @param maxReferences the most object references (objects and back-references)
	 * @param maxBytes the most bytes read
	 */
	public record Limits(long maxDepth, long maxArrayLength, long maxReferences, long maxBytes) {

		/** Depth 64, arrays of 1,000,000, 1,000,000 references, 64 MiB. */
		public static final Limits DEFAULT = new Limits(64, 1_000_000, 1_000_000, 64L * 1024 * 1024);

		/**
		 * Bounds, each at least 1.
		 * @throws IllegalArgumentException if a bound is below 1
		 */
		public Limits {
			if (maxDepth < 1 || maxArrayLength < 1 || maxReferences < 1 || maxBytes < 1) {
				throw new IllegalArgumentException("Java deserialization limits must be at least 1: depth " + maxDepth
						+ ", array length " + maxArrayLength + ", references " + maxReferences + ", bytes " + maxBytes);
			}
		}

		String pattern() {
			return "maxdepth=" + this.maxDepth + ";maxarray=" + this.maxArrayLength + ";maxrefs=" + this.maxReferences
					+ ";maxbytes=" + this.maxBytes + ";";
		}

	}

	private static @Nullable Class<?> rawClass(Type type) {
		if (type instanceof Class<?> c) {
			return c;
		}
		if (type instanceof java.lang.reflect.ParameterizedType p && p.getRawType() instanceof Class<?> c) {
			return c;
		}
		return null;
	}

	private static Class<?> boxed(Class<?> type) {
		if (!type.isPrimitive()) {
			return type;
		}
		return java.lang.invoke.MethodType.methodType(type).wrap().returnType();
	}

}
