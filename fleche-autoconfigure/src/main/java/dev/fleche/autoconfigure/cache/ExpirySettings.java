package dev.fleche.autoconfigure.cache;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;

import dev.fleche.autoconfigure.FlecheCacheProperties;
import dev.fleche.autoconfigure.FlecheProperties;
import dev.fleche.autoconfigure.FunctionCacheProperties;

/**
 * The expiry of one cached function: {@code fleche.cache.functions.<name>.expire-after} (by the
 * function's name, then its method identity), else {@code @CachedCall(expireAfter)}, else
 * {@code fleche.cache.expire-after}, else never.
 */
final class ExpirySettings {

	/** What {@code @CachedCall(expireAfter)} says for "never expires". */
	static final String NEVER = "never";

	private ExpirySettings() {
	}

	static @Nullable Duration resolve(@Nullable FlecheCacheProperties cache, String name, String identity,
			String annotated) {
		if (cache != null) {
			FunctionCacheProperties function = cache.getFunctions().get(name);
			if (function == null) {
				function = cache.getFunctions().get(identity);
			}
			if (function != null && function.getExpireAfter() != null) {
				return positive(function.getExpireAfter(), identity,
						"fleche.cache.functions[" + name + "].expire-after");
			}
		}
		if (NEVER.equalsIgnoreCase(annotated.trim())) {
			return null;
		}
		if (!annotated.isBlank()) {
			Duration duration;
			try {
				duration = DurationStyle.detectAndParse(annotated.trim());
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidCachedCallException(identity, "expireAfter '" + annotated
						+ "' is not a duration (such as '7d', '12h', 'PT30M') nor 'never'");
			}
			return positive(duration, identity, "expireAfter");
		}
		if (cache != null && cache.getExpireAfter() != null) {
			return positive(cache.getExpireAfter(), identity, "fleche.cache.expire-after");
		}
		return null;
	}

	private static Duration positive(Duration duration, String identity, String where) {
		if (duration.isNegative() || duration.isZero()) {
			throw new InvalidCachedCallException(identity, where + " must be positive, not " + duration);
		}
		return duration;
	}

}
