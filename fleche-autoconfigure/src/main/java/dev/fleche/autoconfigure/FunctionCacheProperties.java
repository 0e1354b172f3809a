package dev.fleche.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Settings of one cached function, under {@code fleche.cache.functions.<name>}, where the name is
 * the function's identity (such as {@code "[com.example.Reports#monthly(int,int)]"} in YAML or
 * properties, brackets keeping the dots and parentheses) or its {@code @CachedCall(name)}.
 */
public class FunctionCacheProperties {

	/**
	 * How long a stored result of this function is served; overrides @CachedCall(expireAfter) and
	 * fleche.cache.expire-after.
	 */
	private @Nullable Duration expireAfter;

	public @Nullable Duration getExpireAfter() {
		return this.expireAfter;
	}

	public void setExpireAfter(@Nullable Duration expireAfter) {
		this.expireAfter = expireAfter;
	}

}
