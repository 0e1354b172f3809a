package dev.fleche.core.cache;

import java.lang.reflect.Type;
import java.time.Duration;
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
 * @param expireAfter how long a stored result is served, or {@code null} for ever
 */
public record CallSpec(String function, String version, Map<String, @Nullable Object> arguments, Type returnType,
		@Nullable Duration expireAfter) {

	public CallSpec {
		Objects.requireNonNull(function, "function");
		Objects.requireNonNull(version, "version");
		Objects.requireNonNull(returnType, "returnType");
		arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
		if (expireAfter != null && (expireAfter.isNegative() || expireAfter.isZero())) {
			throw new IllegalArgumentException("expireAfter of " + function + " must be positive, not " + expireAfter);
		}
	}

	/** A call that never expires. */
	public CallSpec(String function, String version, Map<String, @Nullable Object> arguments, Type returnType) {
		this(function, version, arguments, returnType, null);
	}

	/** This call with another version. */
	public CallSpec withVersion(String version) {
		return new CallSpec(this.function, version, this.arguments, this.returnType, this.expireAfter);
	}

}
