package dev.fleche.autoconfigure.support;

import org.springframework.aop.config.AopConfigUtils;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Makes sure an auto-proxy creator applies Fleche's advisors even without Spring Boot's AOP
 * auto-configuration; an existing AspectJ one is kept, and class proxies are used as Boot does.
 */
public final class FlecheAutoProxyRegistrar implements ImportBeanDefinitionRegistrar {

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		AopConfigUtils.registerAutoProxyCreatorIfNecessary(registry);
		AopConfigUtils.forceAutoProxyCreatorToUseClassProxying(registry);
	}

}
