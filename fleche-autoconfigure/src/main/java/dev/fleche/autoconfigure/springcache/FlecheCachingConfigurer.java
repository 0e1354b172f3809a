package dev.fleche.autoconfigure.springcache;

import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.interceptor.CacheResolver;

/**
 * Hands Spring's cache interceptor the {@link FlecheCacheResolver}, so values are read back as
 * each method's declared type. Registered only when the application has no
 * {@link CachingConfigurer} of its own; an application that has one returns a
 * {@link FlecheCacheResolver} from its {@code cacheResolver()}.
 */
public final class FlecheCachingConfigurer implements CachingConfigurer {

	private final FlecheCacheManager manager;

	private final FlecheCacheResolver resolver;

	public FlecheCachingConfigurer(FlecheCacheManager manager) {
		this.manager = manager;
		this.resolver = new FlecheCacheResolver(manager);
	}

	@Override
	public CacheManager cacheManager() {
		return this.manager;
	}

	@Override
	public CacheResolver cacheResolver() {
		return this.resolver;
	}

}
