package dev.fleche.autoconfigure.springcache;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.interceptor.CacheAspectSupport;
import org.springframework.context.annotation.Bean;

import dev.fleche.autoconfigure.lock.FlecheLockAutoConfiguration;
import dev.fleche.autoconfigure.storage.FlecheStorageAutoConfiguration;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.local.LocalLockBackend;
import dev.fleche.core.lock.support.LockServices;
import dev.fleche.core.storage.ValueStorage;

/**
 * Registers the {@link FlecheCacheManager} when Spring's caching is enabled
 * ({@code @EnableCaching}), the application defines no {@link CacheManager}, and
 * {@code spring.cache.type} is unset or {@code fleche}. Ordered before Boot's own cache
 * auto-configuration, which then backs off.
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
			FlecheSpringCacheProperties properties) {
		Duration syncTimeout = properties.getSyncTimeout();
		if (syncTimeout == null || syncTimeout.isNegative()) {
			throw new InvalidConfigurationPropertyValueException("fleche.cache.spring.sync-timeout", syncTimeout,
					"a wait timeout must be zero or positive");
		}
		if (properties.getCacheNames().stream().anyMatch(name -> name == null || name.isBlank())) {
			throw new InvalidConfigurationPropertyValueException("fleche.cache.spring.cache-names",
					properties.getCacheNames(), "a cache name must not be blank");
		}
		LockService shared = lockService.getIfAvailable();
		FlecheCacheManager.Builder builder = FlecheCacheManager
			.builder(values, (shared != null) ? shared : LockServices.create(new LocalLockBackend()))
			.allowNullValues(properties.isAllowNullValues())
			.syncTimeout(syncTimeout)
			.cacheNames(properties.getCacheNames());
		if (shared == null) {
			builder.ownsLockService();
		}
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean(CachingConfigurer.class)
	FlecheCachingConfigurer flecheCachingConfigurer(FlecheCacheManager cacheManager) {
		return new FlecheCachingConfigurer(cacheManager);
	}

}
