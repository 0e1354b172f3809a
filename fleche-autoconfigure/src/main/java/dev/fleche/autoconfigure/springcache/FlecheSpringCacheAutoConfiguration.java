package dev.fleche.autoconfigure.springcache;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.interceptor.CacheAspectSupport;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.fleche.autoconfigure.lock.FlecheLockAutoConfiguration;
import dev.fleche.autoconfigure.storage.FlecheStorageAutoConfiguration;
import dev.fleche.core.cache.eviction.SizeLimiter;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.local.LocalLockBackend;
import dev.fleche.core.lock.support.LockServices;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.ValueStorage;

/**
 * Registers the {@link FlecheCacheManager} when Spring's caching is enabled
 * ({@code @EnableCaching}), the application defines no {@link CacheManager}, and
 * {@code spring.cache.type} is unset or {@code fleche}. Ordered before Boot's own cache
 * auto-configuration, which then backs off. Fixed caches come from
 * {@code fleche.cache.spring.cache-names}, else from Boot's {@code spring.cache.cache-names}.
 */
@AutoConfiguration(after = { FlecheStorageAutoConfiguration.class, FlecheLockAutoConfiguration.class },
		beforeName = "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration")
@ConditionalOnBean({ CacheAspectSupport.class, ValueStorage.class })
@ConditionalOnMissingBean(CacheManager.class)
@ConditionalOnProperty(name = "spring.cache.type", havingValue = "fleche", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "fleche.cache.spring.enabled", matchIfMissing = true)
@EnableConfigurationProperties(FlecheSpringCacheProperties.class)
public final class FlecheSpringCacheAutoConfiguration {

	@Bean
	FlecheCacheManager cacheManager(ValueStorage values, ObjectProvider<LockService> lockService,
			ObjectProvider<CallStorage> calls, ObjectProvider<SizeLimiter> sizeLimiter,
			FlecheSpringCacheProperties properties, Environment environment) {
		Duration syncTimeout = properties.getSyncTimeout();
		if (syncTimeout == null || syncTimeout.isNegative()) {
			throw new InvalidConfigurationPropertyValueException("fleche.cache.spring.sync-timeout", syncTimeout,
					"a wait timeout must be zero or positive");
		}
		List<String> cacheNames = properties.getCacheNames();
		String namesProperty = "fleche.cache.spring.cache-names";
		if (cacheNames.isEmpty()) {
			cacheNames = Binder.get(environment).bind("spring.cache.cache-names", Bindable.listOf(String.class))
				.orElse(List.of());
			namesProperty = "spring.cache.cache-names";
		}
		if (cacheNames.stream().anyMatch(name -> name == null || name.isBlank())) {
			throw new InvalidConfigurationPropertyValueException(namesProperty, cacheNames,
					"a cache name must not be blank");
		}
		LockService shared = lockService.getIfAvailable();
		FlecheCacheManager.Builder builder = FlecheCacheManager
			.builder(values, (shared != null) ? shared : LockServices.create(new LocalLockBackend()))
			.allowNullValues(properties.isAllowNullValues())
			.syncTimeout(syncTimeout)
			.cacheNames(cacheNames);
		if (shared == null) {
			builder.ownsLockService();
		}
		SizeLimiter limiter = sizeLimiter.getIfUnique();
		CallStorage callStorage = calls.getIfUnique();
		if (limiter != null && callStorage != null) {
			builder.sizeLimit(callStorage, limiter);
		}
		builder.expireAfter(positive("fleche.cache.spring.expire-after", properties.getExpireAfter()));
		properties.getCaches().forEach((name, settings) -> {
			Duration expiry = positive("fleche.cache.spring.caches." + name + ".expire-after", settings.getExpireAfter());
			if (expiry != null) {
				builder.expireAfter(name, expiry);
			}
		});
		return builder.build();
	}

	private static @Nullable Duration positive(String property, @Nullable Duration duration) {
		if (duration != null && (duration.isNegative() || duration.isZero())) {
			throw new InvalidConfigurationPropertyValueException(property, duration, "an expiry must be positive");
		}
		return duration;
	}

	@Bean
	@ConditionalOnMissingBean(CachingConfigurer.class)
	FlecheCachingConfigurer flecheCachingConfigurer(FlecheCacheManager cacheManager) {
		return new FlecheCachingConfigurer(cacheManager);
	}

}
