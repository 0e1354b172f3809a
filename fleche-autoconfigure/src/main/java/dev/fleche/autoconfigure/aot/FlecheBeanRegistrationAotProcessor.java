package dev.fleche.autoconfigure.aot;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.generate.GenerationContext;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.aot.BeanRegistrationCode;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

import dev.fleche.annotation.CachedCall;
import dev.fleche.annotation.Locked;

/**
 * For each bean whose class has {@code @CachedCall}, {@code @Locked} or Spring cache methods:
 * reflection on its methods (start-up checks list them, parameter names feed keys) and binding
 * hints for what is written to and read from the store as JSON (cached results and arguments).
 */
public final class FlecheBeanRegistrationAotProcessor implements BeanRegistrationAotProcessor {

	private static final List<String> SPRING_CACHE = List.of("org.springframework.cache.annotation.Cacheable",
			"org.springframework.cache.annotation.CachePut");

	@Override
	public @Nullable BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
		Class<?> beanClass = ClassUtils.getUserClass(registeredBean.getBeanClass());
		if (beanClass.getName().startsWith("org.springframework.")) {
			return null;
		}
		Set<Type> stored = new LinkedHashSet<>();
		List<Method> annotated = new ArrayList<>();
		for (Method method : ReflectionUtils.getUniqueDeclaredMethods(beanClass, ReflectionUtils.USER_DECLARED_METHODS)) {
			boolean cached = isAnnotated(method, beanClass, CachedCall.class);
			boolean springCached = SPRING_CACHE.stream().anyMatch(name -> hasAnnotation(method, name));
			if (cached || springCached || isAnnotated(method, beanClass, Locked.class)) {
				annotated.add(method);
			}
			if (cached || springCached) {
				stored.add(ResolvableType.forMethodReturnType(method, beanClass).getType());
			}
			if (cached) {
				for (int i = 0; i < method.getParameterCount(); i++) {
					stored.add(ResolvableType.forMethodParameter(method, i, beanClass).getType());
				}
			}
		}
		if (annotated.isEmpty()) {
			return null;
		}
		return new Contribution(beanClass, stored.toArray(Type[]::new));
	}

	private static boolean isAnnotated(Method method, Class<?> beanClass, Class<? extends Annotation> annotation) {
		return AnnotatedElementUtils.hasAnnotation(method, annotation)
				|| AnnotatedElementUtils.hasAnnotation(beanClass, annotation);
	}

	private static boolean hasAnnotation(Method method, String annotationName) {
		return AnnotatedElementUtils.isAnnotated(method, annotationName);
	}

	private record Contribution(Class<?> beanClass, Type[] stored) implements BeanRegistrationAotContribution {

		@Override
		public void applyTo(GenerationContext generationContext, BeanRegistrationCode beanRegistrationCode) {
			RuntimeHints hints = generationContext.getRuntimeHints();
			hints.reflection().registerType(this.beanClass, MemberCategory.INVOKE_DECLARED_METHODS,
					MemberCategory.INVOKE_PUBLIC_METHODS);
			new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(), this.stored);
		}

	}

}
