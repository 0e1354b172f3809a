package dev.fleche.core.cache.shape;

import java.lang.reflect.Type;
import java.util.concurrent.ConcurrentHashMap;

import dev.fleche.core.digest.Digest;
import dev.fleche.core.digest.Digester;

/**
 * Adds the shape of a declared result type to a function's version, so a changed shape misses:
 * {@code "2"} becomes {@code "2;shape=3fa9c2d1e4b5"}. A type made only of JDK classes adds
 * nothing. Computed once per type.
 */
public final class ShapedVersions {

	/** What separates the declared version from the shape. */
	public static final String SEPARATOR = ";shape=";

	private final ConcurrentHashMap<Type, String> suffixes = new ConcurrentHashMap<>();

	/** {@code version} with the shape of {@code resultType}. */
	public String version(String version, Type resultType) {
		return version + suffix(resultType);
	}

	/** What {@link #version} appends for {@code resultType}: empty for a type of JDK classes only. */
	public String suffix(Type resultType) {
		return this.suffixes.computeIfAbsent(resultType, ShapedVersions::compute);
	}

	private static String compute(Type type) {
		if (!ResultShape.isStructured(type)) {
			return "";
		}
		Digest digest = Digester.standard().digest(ResultShape.describe(type));
		return SEPARATOR + digest.prefix(12);
	}

}
