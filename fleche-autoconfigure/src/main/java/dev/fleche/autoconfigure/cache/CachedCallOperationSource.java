package dev.fleche.autoconfigure.cache;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodClassKey;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;

import dev.fleche.annotation.CacheIgnore;
import dev.fleche.annotation.CachedCall;
import dev.fleche.autoconfigure.reactive.ReactiveTypes;
import dev.fleche.autoconfigure.startup.UnstorableTypes;
import dev.fleche.autoconfigure.FlecheProperties;
import dev.fleche.autoconfigure.support.AnnotatedMethodPointcut;
import dev.fleche.autoconfigure.support.MethodIdentity;
import dev.fleche.core.serial.Serializer;

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

	/**
	 * Parses {@code method} and checks, at start-up, that its declared result can be stored and
	 * loaded back by the serializer in use.
	 * @throws InvalidCachedCallException if the annotation is wrong, or values of the declared
	 * result type could not be loaded back (a {@code Thread}, a lambda type, a class with no creator)
	 */
	public CachedCallOperation validate(Method method, Class<?> targetClass) {
		CachedCallOperation operation = get(method, targetClass);
		Serializer serializer = this.beanFactory.getBeanProvider(Serializer.class).getIfAvailable();
		if (serializer != null) {
			Type stored = storedType(operation.returnType());
			String problem = serializer.readBackProblem(stored);
			if (problem != null) {
				throw new InvalidCachedCallException(MethodIdentity.of(targetClass, method), "its result type "
						+ stored.getTypeName() + " cannot be cached: a stored value could not be loaded back (" + problem
						+ "); return a type the serializer can create, or remove @CachedCall");
			}
		}
		return operation;
	}

	/** The type of the stored value: what a future completes with, or the return type itself. */
	private static Type storedType(Type returnType) {
		Class<?> raw = (returnType instanceof ParameterizedType parameterized) ? (Class<?>) parameterized.getRawType()
				: (returnType instanceof Class<?> c) ? c : Object.class;
		if (raw == CompletableFuture.class || raw == CompletionStage.class || ReactiveTypes.isMono(raw)) {
			return (returnType instanceof ParameterizedType parameterized) ? parameterized.getActualTypeArguments()[0]
					: Object.class;
		}
		if (ReactiveTypes.isFlux(raw)) {
			ResolvableType element = ResolvableType.forType(returnType).getGeneric(0);
			return ResolvableType.forClassWithGenerics(List.class,
					(element.resolve() != null) ? element : ResolvableType.forClass(Object.class)).getType();
		}
		return returnType;
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
		String unstorable = UnstorableTypes.problem(specific.getGenericReturnType());
		if (unstorable != null) {
			throw new InvalidCachedCallException(identity, unstorable);
		}
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
