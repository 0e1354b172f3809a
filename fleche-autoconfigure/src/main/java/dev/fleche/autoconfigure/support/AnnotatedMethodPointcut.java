package dev.fleche.autoconfigure.support;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.function.Predicate;

import org.springframework.aop.ClassFilter;
import org.springframework.aop.MethodMatcher;
import org.springframework.aop.Pointcut;
import org.springframework.aop.support.StaticMethodMatcher;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Matches methods annotated with an annotation, or the public methods of a class annotated with
 * it, leaving out {@code equals}, {@code hashCode}, {@code toString}, static methods, and those a
 * class-level annotation does not suit (a predicate says which).
 */
public final class AnnotatedMethodPointcut extends StaticMethodMatcher implements Pointcut {

	private final Class<? extends Annotation> annotation;

	private final Predicate<Method> classLevelEligible;

	public AnnotatedMethodPointcut(Class<? extends Annotation> annotation) {
		this(annotation, method -> true);
	}

	/**
	 * @param annotation the annotation
	 * @param classLevelEligible which public methods an annotation on their class applies to
	 */
	public AnnotatedMethodPointcut(Class<? extends Annotation> annotation, Predicate<Method> classLevelEligible) {
		this.annotation = annotation;
		this.classLevelEligible = classLevelEligible;
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
		if (!classLevelApplies(specific)) {
			return null;
		}
		return AnnotatedElementUtils.findMergedAnnotation(targetClass, type);
	}

	private boolean classLevelApplies(Method method) {
		int modifiers = method.getModifiers();
		if (!Modifier.isPublic(modifiers) || Modifier.isStatic(modifiers) || method.isSynthetic()
				|| method.getDeclaringClass() == Object.class || ReflectionUtils.isObjectMethod(method)) {
			return false;
		}
		return this.classLevelEligible.test(method);
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
