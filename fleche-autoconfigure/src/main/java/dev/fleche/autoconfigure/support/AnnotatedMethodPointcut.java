package dev.fleche.autoconfigure.support;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;

import org.springframework.aop.ClassFilter;
import org.springframework.aop.MethodMatcher;
import org.springframework.aop.Pointcut;
import org.springframework.aop.support.StaticMethodMatcher;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Matches methods annotated with an annotation, or public methods of a class annotated with it.
 */
public final class AnnotatedMethodPointcut extends StaticMethodMatcher implements Pointcut {

	private final Class<? extends Annotation> annotation;

	public AnnotatedMethodPointcut(Class<? extends Annotation> annotation) {
		this.annotation = annotation;
	}

	@Override
	public boolean matches(Method method, Class<?> targetClass) {
		return find(method, targetClass) != null;
	}

	/** The annotation that applies to {@code method} on {@code targetClass}, or {@code null}. */
	public <A extends Annotation> A find(Method method, Class<?> targetClass) {
		@SuppressWarnings("unchecked")
		Class<A> type = (Class<A>) this.annotation;
		Method specific = org.springframework.aop.support.AopUtils.getMostSpecificMethod(method, targetClass);
		A onMethod = AnnotatedElementUtils.findMergedAnnotation(specific, type);
		if (onMethod != null) {
			return onMethod;
		}
		if (!java.lang.reflect.Modifier.isPublic(specific.getModifiers()) || specific.getDeclaringClass() == Object.class) {
			return null;
		}
		return AnnotatedElementUtils.findMergedAnnotation(targetClass, type);
	}

	@Override
	public ClassFilter getClassFilter() {
		return ClassFilter.TRUE;
	}

	@Override
	public MethodMatcher getMethodMatcher() {
		return this;
	}

}
