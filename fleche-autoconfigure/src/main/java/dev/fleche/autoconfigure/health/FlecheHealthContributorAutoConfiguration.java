package dev.fleche.autoconfigure.health;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.fleche.autoconfigure.FlecheProperties;
import dev.fleche.autoconfigure.FlecheStorageProperties;
import dev.fleche.autoconfigure.FlecheSettings;
import dev.fleche.autoconfigure.lock.FlecheLockAutoConfiguration;
import dev.fleche.autoconfigure.storage.FlecheStorageAutoConfiguration;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.cache.eviction.SizeLimiter;

/**
 * Health contributors {@code flecheStore} and {@code flecheLocks}, when Spring Boot's health support
 * is on the classpath; {@code management.health.fleche.enabled=false} turns both off.
 */
@AutoConfiguration(after = { FlecheStorageAutoConfiguration.class, FlecheLockAutoConfiguration.class })
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnEnabledHealthIndicator("fleche")
public final class FlecheHealthContributorAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean({ ValueStorage.class, CallStorage.class })
	static class StoreHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "flecheStoreHealthIndicator")
		StoreHealthIndicator flecheStoreHealthIndicator(ValueStorage values, CallStorage calls,
				FlecheProperties properties, ObjectProvider<SizeLimiter> sizeLimiter) {
			FlecheStorageProperties storage = properties.getStorage();
			String type = storage.getLayers().isEmpty() ? storage.getType().name().toLowerCase()
					: storage.getLayers().toString().toLowerCase();
			String location = (storage.getType() == FlecheProperties.StorageType.MEMORY && storage.getLayers().isEmpty())
					? "memory" : FlecheSettings.storagePath(storage).toString();
			return new StoreHealthIndicator(values, calls, type, location, sizeLimiter.getIfAvailable());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(LockService.class)
	static class LockHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "flecheLocksHealthIndicator")
		LockBackendHealthIndicator flecheLocksHealthIndicator(ObjectProvider<LockService> services,
				FlecheProperties properties) {
			LockService locks = services.getIfUnique();
			if (locks == null) {
				locks = services.orderedStream().findFirst().orElseThrow();
			}
			boolean disk = "disk".equals(locks.backendName());
			return new LockBackendHealthIndicator(locks, disk ? FlecheSettings.lockDirectory(properties) : null);
		}

	}

}
