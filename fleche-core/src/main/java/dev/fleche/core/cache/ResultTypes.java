package dev.fleche.core.cache;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Which declared return types are asynchronous, and what they hold.
 */
final class ResultTypes {

	private ResultTypes() {
	}

	/** Whether {@code type} is a {@code CompletableFuture} or {@code CompletionStage}. */
	static boolean isAsync(Type type) {
		Class<?> raw = raw(type);
		return raw == CompletableFuture.class || raw == CompletionStage.class;
	}

	/** The value type a future of {@code type} completes with ({@code Object} if not declared). */
	static Type valueType(Type type) {
		if (type instanceof ParameterizedType parameterized) {
			return parameterized.getActualTypeArguments()[0];
		}
		return Object.class;
	}

	private static Class<?> raw(Type type) {
		if (type instanceof Class<?> c) {
			return c;
		}
		if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
			return c;
		}
		return Object.class;
	}

}
