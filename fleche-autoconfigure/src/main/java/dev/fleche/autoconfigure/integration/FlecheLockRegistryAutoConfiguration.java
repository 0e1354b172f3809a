package dev.fleche.autoconfigure.integration;

import java.time.Duration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.support.locks.LockRegistry;

import dev.fleche.autoconfigure.lock.FlecheLockAutoConfiguration;
import dev.fleche.core.lock.LockService;

/**
 * Registers a {@link FlecheLockRegistry} when Spring Integration is on the class path and the
 * application defines no {@link LockRegistry} of its own.
 */
@AutoConfiguration(after = FlecheLockAutoConfiguration.class)
@ConditionalOnClass(LockRegistry.class)
@ConditionalOnBean(LockService.class)
@ConditionalOnBooleanProperty(name = "fleche.integration.lock-registry.enabled", matchIfMissing = true)
@EnableConfigurationProperties(FlecheLockRegistryProperties.class)
public final class FlecheLockRegistryAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(LockRegistry.class)
	FlecheLockRegistry flecheLockRegistry(LockService locks, FlecheLockRegistryProperties properties) {
		String region = properties.getRegion();
		if (region == null || region.isBlank()) {
			throw new InvalidConfigurationPropertyValueException("fleche.integration.lock-registry.region", region,
					"a region is required");
		}
		Duration lease = properties.getLease();
		if (lease != null && (lease.isNegative() || lease.isZero())) {
			throw new InvalidConfigurationPropertyValueException("fleche.integration.lock-registry.lease", lease,
					"a lease must be positive");
		}
		return new FlecheLockRegistry(locks, region, lease);
	}

}
