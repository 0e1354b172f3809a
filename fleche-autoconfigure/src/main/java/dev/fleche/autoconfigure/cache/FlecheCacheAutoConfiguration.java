package dev.fleche.autoconfigure.cache;

import java.time.Clock;

import org.springframework.aop.Advisor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;

import dev.fleche.autoconfigure.FlecheProperties;
import dev.fleche.autoconfigure.lock.FlecheLockAutoConfiguration;
import dev.fleche.autoconfigure.storage.FlecheStorageAutoConfiguration;
import dev.fleche.autoconfigure.support.AnnotatedMethodsValidator;
import dev.fleche.autoconfigure.support.FlecheAutoProxyRegistrar;
import dev.fleche.autoconfigure.support.LazyOrderAdvisor;
import dev.fleche.core.cache.CachedCalls;
import dev.fleche.core.cache.CallCache;
import dev.fleche.core.cache.CallCacheListener;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.cache.eviction.SizeLimiter;

/**
 * Registers the {@link CallCache} on the storage beans, the {@link CachedCalls} facade and the
 * advice of {@link dev.fleche.annotation.CachedCall} methods, ordered by {@code fleche.cache.order}.
 * With {@code fleche.cache.cross-process} (the default) misses are computed once across the
 * processes that share the lock service's backend (not needed, so not done, for the in-JVM
 * {@code local} backend). A unique {@link Clock} bean, if there is one, drives expiry.
 */
@AutoConfiguration(after = { FlecheStorageAutoConfiguration.class, FlecheLockAutoConfiguration.class })
@ConditionalOnProperty(name = "fleche.cache.enabled", matchIfMissing = true)
@ConditionalOnBean({ ValueStorage.class, CallStorage.class })
@EnableConfigurationProperties(FlecheProperties.class)
@Import(FlecheAutoProxyRegistrar.class)
public final class FlecheCacheAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CallCache flecheCallCache(ValueStorage values, CallStorage calls, FlecheProperties properties,
			ObjectProvider<LockService> lockService, ObjectProvider<CallCacheListener> listeners,
			ObjectProvider<Clock> clock, ObjectProvider<SizeLimiter> sizeLimiter) {
		CallCache.Builder builder = CallCache.builder(values, calls)
			.clock(clock.getIfUnique(Clock::systemUTC))
			.sizeLimiter(sizeLimiter.getIfAvailable());
		LockService locks = lockService.getIfAvailable();
		if (properties.getCache().isCrossProcess() && locks != null && !"local".equals(locks.backendName())) {
			builder.lockService(locks);
		}
		listeners.orderedStream().forEach(builder::listener);
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean
	CachedCalls flecheCachedCalls(CallStorage calls, ValueStorage values, ObjectProvider<Clock> clock) {
		return new CachedCalls(calls, values, clock.getIfUnique(Clock::systemUTC));
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static CachedCallOperationSource flecheCachedCallOperationSource(ConfigurableListableBeanFactory beanFactory) {
		return new CachedCallOperationSource(beanFactory);
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static Advisor flecheCachedCallAdvisor(CachedCallOperationSource source, ObjectProvider<CallCache> cache,
			ObjectProvider<FlecheProperties> properties) {
		return new LazyOrderAdvisor(source.pointcut(), new CachedCallInterceptor(source, cache),
				() -> properties.getObject().getCache().getOrder());
	}

	@Bean
	static AnnotatedMethodsValidator flecheCachedCallMethodsValidator(ConfigurableListableBeanFactory beanFactory,
			CachedCallOperationSource source) {
		return new AnnotatedMethodsValidator(beanFactory, source.pointcut(), source::validate);
	}

}
