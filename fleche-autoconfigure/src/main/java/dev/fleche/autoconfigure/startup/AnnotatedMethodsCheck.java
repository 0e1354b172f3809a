package dev.fleche.autoconfigure.startup;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.asm.Type;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

import dev.fleche.annotation.CachedCall;
import dev.fleche.annotation.Locked;
import dev.fleche.autoconfigure.support.MethodIdentity;

/**
 * Once every singleton exists, checks the {@code @CachedCall} and {@code @Locked} methods of every
 * bean's class for what Spring's proxy cannot intercept: a private, final or static method fails
 * the start ({@link UnproxyableMethodException}); a call to such a method on {@code this} from the
 * same class, found in the bytecode, is logged as a warning, since it bypasses the proxy.
 */
public final class AnnotatedMethodsCheck implements SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger(AnnotatedMethodsCheck.class);

	private static final List<Class<? extends Annotation>> ANNOTATIONS = List.of(CachedCall.class, Locked.class);

	private final ConfigurableListableBeanFactory beanFactory;

	public AnnotatedMethodsCheck(ConfigurableListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (String name : this.beanFactory.getBeanDefinitionNames()) {
			Class<?> type = this.beanFactory.getType(name, false);
			if (type == null || type.getName().startsWith("org.springframework.")) {
				continue;
			}
			check(ClassUtils.getUserClass(type));
		}
	}

	/** Checks one class. */
	void check(Class<?> userClass) {
		Map<String, String> annotated = new LinkedHashMap<>();
		for (Method method : ReflectionUtils.getUniqueDeclaredMethods(userClass, ReflectionUtils.USER_DECLARED_METHODS)) {
			for (Class<? extends Annotation> annotation : ANNOTATIONS) {
				if (!AnnotatedElementUtils.hasAnnotation(method, annotation)) {
					continue;
				}
				String identity = MethodIdentity.of(userClass, method);
				int modifiers = method.getModifiers();
				String reason = Modifier.isPrivate(modifiers) ? "private"
						: Modifier.isStatic(modifiers) ? "static" : Modifier.isFinal(modifiers) ? "final" : null;
				if (reason != null) {
					throw new UnproxyableMethodException(annotation.getSimpleName(), identity, reason);
				}
				if (method.getDeclaringClass() == userClass) {
					annotated.put(method.getName() + Type.getMethodDescriptor(method),
							"@" + annotation.getSimpleName() + " method " + identity);
				}
			}
		}
		if (annotated.isEmpty()) {
			return;
		}
		for (SelfInvocations.Call call : SelfInvocations.find(userClass, annotated)) {
			logger.warn("{}#{} calls {} on this: the call bypasses Spring's proxy and the annotation has no effect "
					+ "there; call it through the bean (inject it) instead", userClass.getName(), call.caller(),
					call.callee());
		}
	}

}
