package dev.fleche.autoconfigure.cache;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.cache.CallSpec;

/**
 * A parsed {@link dev.fleche.annotation.CachedCall} method: function name, version, the
 * parameters in the key and the declared return type. Immutable.
 *
 * @param function the function's identity in the store
 * @param version the version
 * @param parameterNames every parameter's name, in order
 * @param inKey for each parameter, whether it is part of the key
 * @param returnType the declared generic return type
 * @param expireAfter how long a stored result is served, or {@code null} for ever
 */
public record CachedCallOperation(String function, String version, List<String> parameterNames, List<Boolean> inKey,
		Type returnType, @Nullable Duration expireAfter) {

	public CachedCallOperation {
		parameterNames = List.copyOf(parameterNames);
		inKey = List.copyOf(inKey);
	}

	/** The spec of one call with {@code args}. */
	public CallSpec spec(@Nullable Object[] args) {
		Map<String, @Nullable Object> arguments = new LinkedHashMap<>();
		for (int i = 0; i < this.parameterNames.size(); i++) {
			if (this.inKey.get(i)) {
				arguments.put(this.parameterNames.get(i), args[i]);
			}
		}
		return new CallSpec(this.function, this.version, arguments, this.returnType, this.expireAfter);
	}

}
