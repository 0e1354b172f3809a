package dev.fleche.autoconfigure.lock;

import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;

import dev.fleche.autoconfigure.FlecheProperties;
import dev.fleche.autoconfigure.FlecheSettings;
import dev.fleche.autoconfigure.support.AnnotatedMethodsValidator;
import dev.fleche.autoconfigure.support.FlecheAutoProxyRegistrar;
import dev.fleche.autoconfigure.support.LazyOrderAdvisor;
import dev.fleche.autoconfigure.redis.FlecheRedisConnector;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.redis.RedisLockSettings;
import dev.fleche.core.lock.disk.DiskLockBackend;
import dev.fleche.core.lock.local.LocalLockBackend;
import dev.fleche.core.lock.support.LockServices;

/**
 * Registers the {@link LockService} of {@code fleche.lock.*} (disk locks under
 * {@code .fleche/locks} by default, or in-JVM locks) and the advice of
 * {@link dev.fleche.annotation.Locked} methods, ordered by {@code fleche.lock.order}.
 */
@AutoConfiguration
@ConditionalOnProperty(name = "fleche.lock.enabled", matchIfMissing = true)
@EnableConfigurationProperties(FlecheProperties.class)
@Import(FlecheAutoProxyRegistrar.class)
public final class FlecheLockAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	LockService flecheLockService(FlecheProperties properties, ObjectProvider<FlecheRedisConnector> redis) {
		FlecheSettings.checkLockDurations(properties.getLock());
		return switch (properties.getLock().getBackend()) {
			case LOCAL -> LockServices.create(new LocalLockBackend());
			case DISK -> LockServices.create(DiskLockBackend.open(FlecheSettings.lockDirectory(properties)));
			case REDIS -> LockServices.create(FlecheRedisConnector.require(redis, "fleche.lock.backend=redis")
				.lockBackend(new RedisLockSettings(properties.getLock().getRedis().getPrefix(),
						properties.getLock().getRedis().getWatchdogTimeout())));
			case POSTGRES -> throw dev.fleche.autoconfigure.postgres.PostgresRequirements.missing("fleche.lock.backend");
		};
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static LockedOperationSource flecheLockedOperationSource(ConfigurableListableBeanFactory beanFactory,
			ObjectProvider<FlecheProperties> properties) {
		return new LockedOperationSource(beanFactory, properties);
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static Advisor flecheLockedAdvisor(LockedOperationSource source, ObjectProvider<LockService> lockService,
			ConfigurableListableBeanFactory beanFactory, ObjectProvider<FlecheProperties> properties) {
		DefaultPointcutAdvisor advisor = new LazyOrderAdvisor(source.pointcut(),
				new LockedInterceptor(source, lockService, beanFactory),
				() -> properties.getObject().getLock().getOrder());
		return advisor;
	}

	@Bean
	static AnnotatedMethodsValidator flecheLockedMethodsValidator(ConfigurableListableBeanFactory beanFactory,
			LockedOperationSource source) {
		return new AnnotatedMethodsValidator(beanFactory, source.pointcut(), source::get);
	}

}
