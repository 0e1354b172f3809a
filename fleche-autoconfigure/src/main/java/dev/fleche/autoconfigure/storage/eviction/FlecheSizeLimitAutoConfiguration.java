package dev.fleche.autoconfigure.storage.eviction;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.util.unit.DataSize;

import dev.fleche.autoconfigure.FlecheProperties;
import dev.fleche.autoconfigure.cache.FlecheCacheAutoConfiguration;
import dev.fleche.autoconfigure.storage.FlecheStorageAutoConfiguration;
import dev.fleche.autoconfigure.storage.layered.FlecheLayeredStorageAutoConfiguration;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.cache.eviction.SizeLimiter;

/**
 * With {@code fleche.storage.size-limit} set, a {@link SizeLimiter} keeps the store at or below it;
 * the call cache reports its saves and hits to it.
 */
@AutoConfiguration(after = { FlecheStorageAutoConfiguration.class, FlecheLayeredStorageAutoConfiguration.class },
		before = FlecheCacheAutoConfiguration.class)
@ConditionalOnProperty(name = "fleche.storage.size-limit")
@ConditionalOnBean({ ValueStorage.class, CallStorage.class })
@EnableConfigurationProperties(FlecheProperties.class)
public final class FlecheSizeLimitAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	SizeLimiter flecheSizeLimiter(ValueStorage values, CallStorage calls, FlecheProperties properties,
			ObjectProvider<Clock> clock) {
		DataSize limit = properties.getStorage().getSizeLimit();
		if (limit == null || limit.toBytes() <= 0) {
			throw new InvalidConfigurationPropertyValueException("fleche.storage.size-limit", limit,
					"a size limit must be positive, such as '500MB'");
		}
		return new SizeLimiter(values, calls, limit.toBytes(), clock.getIfUnique(Clock::systemUTC));
	}

}
