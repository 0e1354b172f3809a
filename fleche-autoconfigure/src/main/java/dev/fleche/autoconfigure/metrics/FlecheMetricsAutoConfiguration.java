package dev.fleche.autoconfigure.metrics;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.fleche.autoconfigure.cache.FlecheCacheAutoConfiguration;
import dev.fleche.autoconfigure.lock.FlecheLockAutoConfiguration;
import dev.fleche.core.cache.CallCache;
import dev.fleche.core.lock.LockService;

/**
 * Auto-configuration of the Micrometer meters of Fleche's locks ({@link LockMeters}) and call
 * cache ({@link CacheMeters}), when Micrometer is on the classpath and a {@link MeterRegistry}
 * bean exists.
 */
@AutoConfiguration(after = { FlecheLockAutoConfiguration.class, FlecheCacheAutoConfiguration.class },
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public final class FlecheMetricsAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(LockService.class)
	static class LockMetricsConfiguration {

		@Bean
		FlecheLockMetrics flecheLockMetrics(MeterRegistry registry, ObjectProvider<LockService> services) {
			return new FlecheLockMetrics(
					services.orderedStream().map((service) -> LockMeters.bindTo(service, registry)).toList());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(CallCache.class)
	static class CacheMetricsConfiguration {

		/** A listener bean: the call cache of {@link FlecheCacheAutoConfiguration} takes every one. */
		@Bean
		CacheMeters flecheCacheMeters(MeterRegistry registry) {
			return new CacheMeters(registry);
		}

	}

	/**
	 * The lock meters bound, one per lock service.
	 *
	 * @param meters the meters
	 */
	public record FlecheLockMetrics(List<LockMeters> meters) {

		public FlecheLockMetrics {
			meters = List.copyOf(meters);
		}

	}

}
