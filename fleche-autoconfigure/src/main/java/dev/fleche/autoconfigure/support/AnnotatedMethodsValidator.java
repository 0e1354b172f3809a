package dev.fleche.autoconfigure.support;

import java.lang.reflect.Method;
import java.util.function.BiConsumer;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Once every singleton exists, checks each annotated method of every bean, so that a bad
 * annotation fails the application's start instead of its first call.
 */
public final class AnnotatedMethodsValidator implements SmartInitializingSingleton {

	private final ConfigurableListableBeanFactory beanFactory;

	private final AnnotatedMethodPointcut pointcut;

	private final BiConsumer<Method, Class<?>> check;

	/**
	 * @param beanFactory the beans to check
	 * @param pointcut which methods to check
	 * @param check parses the method's annotation, throwing on a bad one
	 */
	public AnnotatedMethodsValidator(ConfigurableListableBeanFactory beanFactory, AnnotatedMethodPointcut pointcut,
			BiConsumer<Method, Class<?>> check) {
		this.beanFactory = beanFactory;
		this.pointcut = pointcut;
		this.check = check;
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (String name : this.beanFactory.getBeanDefinitionNames()) {
			Class<?> type = this.beanFactory.getType(name, false);
			if (type == null || type.getName().startsWith("org.springframework.")) {
				continue;
			}
			Class<?> userClass = ClassUtils.getUserClass(type);
			for (Method method : ReflectionUtils.getUniqueDeclaredMethods(userClass, ReflectionUtils.USER_DECLARED_METHODS)) {
				if (this.pointcut.matches(method, userClass)) {
					this.check.accept(method, userClass);
				}
			}
		}
	}

}
