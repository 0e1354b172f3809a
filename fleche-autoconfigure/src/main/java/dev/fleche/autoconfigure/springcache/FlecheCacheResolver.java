package dev.fleche.autoconfigure.springcache;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.aop.support.AopUtils;
import org.springframework.cache.Cache;
import org.springframework.cache.interceptor.CacheOperationInvocationContext;
import org.springframework.cache.interceptor.CacheResolver;
import org.springframework.core.MethodClassKey;

/**
 * Resolves the caches of a {@code @Cacheable}, {@code @CachePut} or {@code @CacheEvict} method to
 * {@link FlecheCache} views that read values as the method's declared return type, so a cached
 * {@code List<Order>} comes back as a {@code List<Order>} and not as JSON maps.
 */
public final class FlecheCacheResolver implements CacheResolver {

	private final FlecheCacheManager manager;

	private final ConcurrentHashMap<MethodClassKey, Type> types = new ConcurrentHashMap<>();

	public FlecheCacheResolver(FlecheCacheManager manager) {
		this.manager = manager;
	}

	@Override
	public Collection<? extends Cache> resolveCaches(CacheOperationInvocationContext<?> context) {
		Class<?> targetClass = AopUtils.getTargetClass(context.getTarget());
		Type type = this.types.computeIfAbsent(new MethodClassKey(context.getMethod(), targetClass),
				key -> CachedValueTypes.of(context.getMethod(), targetClass));
		Collection<String> names = context.getOperation().getCacheNames();
		List<Cache> caches = new ArrayList<>(names.size());
		for (String name : names) {
			Cache cache = this.manager.getCache(name, type);
			if (cache == null) {
				throw new IllegalArgumentException("Cannot find cache named '" + name + "' for " + context.getOperation()
						+ "; fleche.cache.spring.cache-names fixes the caches to " + this.manager.getCacheNames());
			}
			caches.add(cache);
		}
		return caches;
	}

}
