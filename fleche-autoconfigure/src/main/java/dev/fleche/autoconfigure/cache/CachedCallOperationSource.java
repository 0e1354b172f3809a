package dev.fleche.autoconfigure.cache;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodClassKey;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.annotation.AnnotatedElementUtils;

import dev.fleche.annotation.CacheIgnore;
import dev.fleche.annotation.CachedCall;
import dev.fleche.autoconfigure.FlecheProperties;
import dev.fleche.autoconfigure.support.AnnotatedMethodPointcut;
import dev.fleche.autoconfigure.support.MethodIdentity;

/**
 * Parses {@link CachedCall} methods once each and keeps the result.
 */
public final class CachedCallOperationSource {

	private static final ParameterNameDiscoverer PARAMETER_NAMES = new DefaultParameterNameDiscoverer();

	private final AnnotatedMethodPointcut pointcut = new AnnotatedMethodPointcut(CachedCall.class,
			method -> method.getReturnType() != void.class);

	private final ConcurrentHashMap<MethodClassKey, CachedCallOperation> operations = new ConcurrentHashMap<>();

	private final ConfigurableBeanFactory beanFactory;

	public CachedCallOperationSource(ConfigurableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	/** The pointcut of {@link CachedCall} methods. */
	public AnnotatedMethodPointcut pointcut() {
		return this.pointcut;
	}

	/** The parsed operation of {@code method} on {@code targetClass}. */
	public CachedCallOperation get(Method method, Class<?> targetClass) {
		return this.operations.computeIfAbsent(new MethodClassKey(method, targetClass), key -> parse(method, targetClass));
	}

	private CachedCallOperation parse(Method method, Class<?> targetClass) {
		String identity = MethodIdentity.of(targetClass, method);
		CachedCall cached = this.pointcut.find(method, targetClass);
		if (cached == null) {
			throw new InvalidCachedCallException(identity, "no @CachedCall annotation");
		}
		if (method.getReturnType() == void.class) {
			throw new InvalidCachedCallException(identity, "a void method has no result to cache");
		}
		Method specific = org.springframework.aop.support.AopUtils.getMostSpecificMethod(method, targetClass);
		String[] names = PARAMETER_NAMES.getParameterNames(specific);
		if (names == null) {
			throw new InvalidCachedCallException(identity,
					"parameter names are not available; compile with '-parameters'");
		}
		Set<String> ignored = new HashSet<>(Arrays.asList(cached.ignore()));
		for (String name : ignored) {
			if (!Arrays.asList(names).contains(name)) {
				throw new InvalidCachedCallException(identity,
						"ignore names parameter '" + name + "', which does not exist; parameters: " + Arrays.toString(names));
			}
		}
		Parameter[] parameters = specific.getParameters();
		List<Boolean> inKey = new ArrayList<>();
		for (int i = 0; i < names.length; i++) {
			boolean annotatedIgnore = AnnotatedElementUtils.hasAnnotation(parameters[i], CacheIgnore.class);
			inKey.add(!annotatedIgnore && !ignored.contains(names[i]));
		}
		String name = cached.name().isEmpty() ? identity : resolve(cached.name());
		String version = CachedCall.CODE.equals(cached.version()) ? CodeVersion.of(specific, identity)
				: resolve(cached.version());
		FlecheProperties properties = this.beanFactory.getBeanProvider(FlecheProperties.class).getIfAvailable();
		Duration expireAfter = ExpirySettings.resolve((properties != null) ? properties.getCache() : null, name, identity,
				resolve(cached.expireAfter()));
		return new CachedCallOperation(name, version, Arrays.asList(names), inKey, specific.getGenericReturnType(),
				expireAfter);
	}

	private String resolve(String text) {
		String resolved = this.beanFactory.resolveEmbeddedValue(text);
		return (resolved != null) ? resolved : text;
	}

}
