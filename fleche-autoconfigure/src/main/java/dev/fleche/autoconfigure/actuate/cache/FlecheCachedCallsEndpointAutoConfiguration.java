package dev.fleche.autoconfigure.actuate.cache;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.fleche.autoconfigure.cache.FlecheCacheAutoConfiguration;
import dev.fleche.core.cache.CallCache;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.ValueStorage;

/**
 * Auto-configuration of the {@code cachedcalls} endpoint: when actuator is on the classpath, the
 * endpoint is available and there is a {@link CallCache}, hits and misses are counted per function
 * (by a {@link dev.fleche.core.cache.CallCacheListener} bean, which the cache picks up) and
 * {@link CachedCallsEndpoint} shows the stored calls.
 */
@AutoConfiguration(after = FlecheCacheAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnAvailableEndpoint(CachedCallsEndpoint.class)
@ConditionalOnBean({ CallCache.class, CallStorage.class, ValueStorage.class })
public final class FlecheCachedCallsEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CachedCallStatistics flecheCachedCallStatistics(ObjectProvider<Clock> clock) {
		return new CachedCallStatistics(clock.getIfUnique(Clock::systemUTC));
	}

	@Bean
	@ConditionalOnMissingBean
	CachedCallsEndpoint flecheCachedCallsEndpoint(CallStorage calls, ValueStorage values,
			CachedCallStatistics statistics, ObjectProvider<Clock> clock) {
		return new CachedCallsEndpoint(calls, values, statistics, clock.getIfUnique(Clock::systemUTC));
	}

}
