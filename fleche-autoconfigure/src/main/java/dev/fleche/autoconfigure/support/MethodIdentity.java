package dev.fleche.autoconfigure.support;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Stable names of methods: {@code com.example.Reports#monthly(int,String)}.
 */
public final class MethodIdentity {

	private MethodIdentity() {
	}

	/** Class, method and parameter types. */
	public static String of(Class<?> targetClass, Method method) {
		return targetClass.getName() + "#" + method.getName() + Arrays.stream(method.getParameterTypes())
			.map(Class::getSimpleName)
			.collect(Collectors.joining(",", "(", ")"));
	}

	/** Class and method name, without parameters. */
	public static String shortName(Class<?> targetClass, Method method) {
		return targetClass.getName() + "#" + method.getName();
	}

}
