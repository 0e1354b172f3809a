package dev.fleche.autoconfigure.shedlock;

import net.javacrumbs.shedlock.core.LockProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;

import dev.fleche.autoconfigure.lock.FlecheLockAutoConfiguration;
import dev.fleche.core.lock.LockService;

/**
 * Registers a {@link FlecheLockProvider} when ShedLock is on the class path and the application
 * defines no {@link LockProvider} of its own. {@code @EnableSchedulerLock} is still the
 * application's to declare.
 */
@AutoConfiguration(after = FlecheLockAutoConfiguration.class)
@ConditionalOnClass(LockProvider.class)
@ConditionalOnBean(LockService.class)
@ConditionalOnBooleanProperty(name = "fleche.shedlock.enabled", matchIfMissing = true)
@EnableConfigurationProperties(FlecheShedLockProperties.class)
public final class FlecheShedLockAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(LockProvider.class)
	FlecheLockProvider flecheShedLockProvider(LockService locks, FlecheShedLockProperties properties) {
		String prefix = properties.getKeyPrefix();
		if (prefix == null || prefix.isBlank()) {
			throw new InvalidConfigurationPropertyValueException("fleche.shedlock.key-prefix", prefix,
					"a key prefix is required");
		}
		return new FlecheLockProvider(locks, prefix);
	}

}
