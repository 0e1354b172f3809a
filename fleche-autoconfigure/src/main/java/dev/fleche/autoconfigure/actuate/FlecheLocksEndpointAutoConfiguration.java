package dev.fleche.autoconfigure.actuate;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import dev.fleche.autoconfigure.lock.FlecheLockAutoConfiguration;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.stats.LockStatistics;

/**
 * Auto-configuration of the {@code locks} endpoint: when actuator is on the classpath, the
 * endpoint is available and there is a {@link LockService}, statistics are gathered from every
 * lock service bean and shown by {@link LocksEndpoint}.
 */
@AutoConfiguration(after = FlecheLockAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnAvailableEndpoint(LocksEndpoint.class)
@ConditionalOnBean(LockService.class)
@EnableConfigurationProperties(LockStatisticsProperties.class)
public final class FlecheLocksEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LocksEndpoint flecheLocksEndpoint(ObjectProvider<LockService> services, LockStatisticsProperties properties) {
		List<LockStatistics> statistics = services.orderedStream()
			.map((service) -> LockStatistics.attachTo(service, properties.getMaxKeys()))
			.toList();
		return new LocksEndpoint(statistics);
	}

}
