package dev.fleche.autoconfigure.observation;

import java.util.function.Supplier;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.aop.Advisor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.util.function.SingletonSupplier;

import dev.fleche.autoconfigure.FlecheProperties;
import dev.fleche.autoconfigure.cache.CachedCallOperationSource;
import dev.fleche.autoconfigure.cache.FlecheCacheAutoConfiguration;
import dev.fleche.autoconfigure.lock.FlecheLockAutoConfiguration;
import dev.fleche.autoconfigure.lock.LockedOperationSource;
import dev.fleche.autoconfigure.support.LazyOrderAdvisor;

/**
 * Makes {@code @Locked} waits and holds and {@code @CachedCall} calls Micrometer observations
 * ({@value ObservedLocks#ACQUIRE}, {@value ObservedLocks#HOLD},
 * {@value ObservedCachedCallInterceptor#CALL}) on the application's {@link ObservationRegistry}
 * (none registered: nothing is observed), so tracing shows them as spans. The existing meters
 * keep their names. {@code fleche.observation.enabled=false} switches it off.
 */
@AutoConfiguration(after = { FlecheLockAutoConfiguration.class, FlecheCacheAutoConfiguration.class })
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBooleanProperty(name = "fleche.observation.enabled", matchIfMissing = true)
public final class FlecheObservationAutoConfiguration {

	private static Supplier<ObservationRegistry> lazy(ObjectProvider<ObservationRegistry> registry) {
		return SingletonSupplier.of(() -> registry.getIfAvailable(() -> ObservationRegistry.NOOP));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(LockedOperationSource.class)
	static class LockObservationConfiguration {

		@Bean
		@ConditionalOnMissingBean(LockObservation.class)
		ObservedLocks flecheLockObservation(ObjectProvider<ObservationRegistry> registry) {
			return new ObservedLocks(lazy(registry));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(CachedCallOperationSource.class)
	static class CacheObservationConfiguration {

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static Advisor flecheObservedCachedCallAdvisor(CachedCallOperationSource source,
				ObjectProvider<ObservationRegistry> registry, ObjectProvider<FlecheProperties> properties) {
			return new LazyOrderAdvisor(source.pointcut(), new ObservedCachedCallInterceptor(source, lazy(registry)),
					() -> {
						int order = properties.getObject().getCache().getOrder();
						return (order == Integer.MIN_VALUE) ? order : order - 1;
					});
		}

		/** Tells the observation whether a call hit or missed. */
		@Bean
		CallResult.Listener flecheCallObservationListener() {
			return new CallResult.Listener();
		}

	}

}
