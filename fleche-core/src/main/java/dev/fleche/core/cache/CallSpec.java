package dev.fleche.core.cache;

import java.lang.reflect.Type;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One call to memoize: which function (its identity and version), with which key arguments, and
 * the declared type of its result.
 *
 * @param function the function's identity, such as {@code com.example.Reports#monthly(int)}
 * @param version the version of its behaviour; a new version never hits an old result
 * @param arguments parameter name to value, in parameter order, ignored arguments left out
 * @param returnType the declared, possibly generic, return type; for a
 * {@code CompletableFuture<T>} or {@code CompletionStage<T>} the cached value is the {@code T}
 */
public record CallSpec(String function, String version, Map<String, @Nullable Object> arguments, Type returnType) {

	public CallSpec {
		Objects.requireNonNull(function, "function");
		Objects.requireNonNull(version, "version");
		Objects.requireNonNull(returnType, "returnType");
		arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
	}

}
