package dev.fleche.autoconfigure.startup;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Registers the start-up check of {@code @CachedCall} and {@code @Locked} methods that Spring's
 * proxy cannot intercept.
 */
@AutoConfiguration
public final class FlecheStartupChecksAutoConfiguration {

	@Bean
	static AnnotatedMethodsCheck flecheAnnotatedMethodsCheck(ConfigurableListableBeanFactory beanFactory) {
		return new AnnotatedMethodsCheck(beanFactory);
	}

}
