package dev.fleche.autoconfigure.lock;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.expression.BeanFactoryResolver;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodClassKey;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.standard.SpelExpressionParser;

import dev.fleche.annotation.LockKind;
import dev.fleche.annotation.Locked;
import dev.fleche.annotation.OnTimeout;
import dev.fleche.autoconfigure.FlecheLockProperties;
import dev.fleche.autoconfigure.FlecheProperties;
import dev.fleche.autoconfigure.startup.KeyExpressionCheck;
import dev.fleche.autoconfigure.support.AnnotatedMethodPointcut;
import dev.fleche.autoconfigure.support.MethodIdentity;
import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockService;

/**
 * Parses {@link Locked} methods once each and keeps the result: the key expression is parsed
 * here, never per call. Every problem is an {@link InvalidLockedMethodException} naming the method.
 */
public final class LockedOperationSource {

	private static final SpelExpressionParser PARSER = new SpelExpressionParser();

	private static final ParameterNameDiscoverer PARAMETER_NAMES = new DefaultParameterNameDiscoverer();

	private final AnnotatedMethodPointcut pointcut = new AnnotatedMethodPointcut(Locked.class);

	private final ConcurrentHashMap<MethodClassKey, LockedOperation> operations = new ConcurrentHashMap<>();

	private final ConfigurableBeanFactory beanFactory;

	private final ObjectProvider<FlecheProperties> properties;

	public LockedOperationSource(ConfigurableBeanFactory beanFactory, ObjectProvider<FlecheProperties> properties) {
		this.beanFactory = beanFactory;
		this.properties = properties;
	}

	/** The pointcut of {@link Locked} methods. */
	public AnnotatedMethodPointcut pointcut() {
		return this.pointcut;
	}

	/** The parsed operation of {@code method} on {@code targetClass}. */
	public LockedOperation get(Method method, Class<?> targetClass) {
		return this.operations.computeIfAbsent(new MethodClassKey(method, targetClass), key -> parse(method, targetClass));
	}

	private LockedOperation parse(Method method, Class<?> targetClass) {
		Locked locked = this.pointcut.find(method, targetClass);
		String identity = MethodIdentity.of(targetClass, method);
		if (locked == null) {
			throw new InvalidLockedMethodException(identity, "no @Locked annotation");
		}
		FlecheLockProperties defaults = this.properties.getObject().getLock();
		LockedOperation.Builder builder = new LockedOperation.Builder();
		builder.method = identity;
		builder.name = locked.name().isEmpty() ? MethodIdentity.shortName(targetClass, method) : resolve(locked.name());
		builder.key = locked.key().isEmpty() ? null : parseKey(identity, locked.key(), method, targetClass);
		builder.kind = locked.kind();
		builder.permits = locked.permits();
		if (locked.kind() == LockKind.SEMAPHORE && locked.permits() < 1) {
			throw new InvalidLockedMethodException(identity, "a semaphore needs permits >= 1, got " + locked.permits());
		}
		builder.mode = (locked.kind() == LockKind.FIFO) ? mode(identity, locked.mode()) : null;
		builder.waitTimeout = duration(identity, "waitTimeout", locked.waitTimeout(), defaults.getDefaultTimeout());
		if (builder.waitTimeout == null || builder.waitTimeout.isNegative()) {
			throw new InvalidLockedMethodException(identity, "waitTimeout must be zero or positive");
		}
		builder.lease = duration(identity, "lease", locked.lease(), defaults.getDefaultLease());
		if (builder.lease != null && (builder.lease.isNegative() || builder.lease.isZero())) {
			throw new InvalidLockedMethodException(identity, "lease must be positive, got " + builder.lease);
		}
		if (builder.lease != null && builder.lease.compareTo(builder.waitTimeout) < 0) {
			throw new InvalidLockedMethodException(identity,
					"lease " + builder.lease + " is shorter than the wait timeout " + builder.waitTimeout);
		}
		builder.fair = defaults.isFair();
		builder.onTimeout = locked.onTimeout();
		builder.returnType = method.getReturnType();
		if (locked.onTimeout() == OnTimeout.SKIP && method.getReturnType().isPrimitive()
				&& method.getReturnType() != void.class) {
			throw new InvalidLockedMethodException(identity,
					"onTimeout = SKIP cannot skip a method that returns " + method.getReturnType().getName());
		}
		builder.holdUntilComplete = locked.holdUntilComplete();
		if (locked.holdUntilComplete() && !CompletionStage.class.isAssignableFrom(method.getReturnType())) {
			throw new InvalidLockedMethodException(identity, "holdUntilComplete needs a CompletionStage or "
					+ "CompletableFuture return type, not " + method.getReturnType().getName());
		}
		builder.lockService = locked.lockService();
		if (!builder.lockService.isEmpty() && !this.beanFactory.containsBean(builder.lockService)) {
			throw new InvalidLockedMethodException(identity, "no LockService bean named '" + builder.lockService + "'");
		}
		if (!builder.lockService.isEmpty() && !this.beanFactory.isTypeMatch(builder.lockService, LockService.class)) {
			throw new InvalidLockedMethodException(identity, "bean '" + builder.lockService + "' is not a LockService");
		}
		builder.beans = new BeanFactoryResolver(this.beanFactory);
		return builder.build();
	}

	private org.springframework.expression.Expression parseKey(String identity, String expression, Method method,
			Class<?> targetClass) {
		org.springframework.expression.Expression parsed;
		try {
			parsed = PARSER.parseExpression(expression);
		}
		catch (ParseException | IllegalStateException | IllegalArgumentException ex) {
			throw new InvalidLockedMethodException(identity,
					"invalid key expression '" + expression + "': " + ex.getMessage(), ex);
		}
		String[] names = PARAMETER_NAMES.getParameterNames(AopUtils.getMostSpecificMethod(method, targetClass));
		if (names != null) {
			List<String> unknown = KeyExpressionCheck.unknownVariables(parsed, List.of(names));
			if (!unknown.isEmpty()) {
				throw new InvalidLockedMethodException(identity, "key expression '" + expression + "' names "
						+ unknown.stream().map(name -> "#" + name).toList() + ", which the method does not have; "
						+ "parameters: " + List.of(names));
			}
		}
		return parsed;
	}

	private LockMode mode(String identity, String name) {
		String mode = resolve(name);
		switch (mode) {
			case "mutex":
				return LockMode.MUTEX;
			case "read":
				return LockMode.READ;
			case "write":
				return LockMode.WRITE;
			default:
				break;
		}
		if (mode.startsWith("semaphore:")) {
			try {
				return LockMode.semaphore(Integer.parseInt(mode.substring("semaphore:".length())));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidLockedMethodException(identity, "invalid semaphore mode '" + mode + "'", ex);
			}
		}
		if (!mode.isEmpty() && this.beanFactory.containsBean(mode) && this.beanFactory.isTypeMatch(mode, LockMode.class)) {
			return this.beanFactory.getBean(mode, LockMode.class);
		}
		throw new InvalidLockedMethodException(identity, "kind FIFO needs a mode: mutex, read, write, semaphore:<n> "
				+ "or the name of a LockMode bean; got '" + mode + "'");
	}

	private @Nullable Duration duration(String identity, String attribute, String text, @Nullable Duration fallback) {
		if (text.isEmpty()) {
			return fallback;
		}
		String resolved = resolve(text);
		try {
			return DurationStyle.detectAndParse(resolved);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidLockedMethodException(identity,
					attribute + " '" + resolved + "' is not a duration (such as 500ms, 5s, PT5S)", ex);
		}
	}

	private String resolve(String text) {
		String resolved = this.beanFactory.resolveEmbeddedValue(text);
		return (resolved != null) ? resolved : text;
	}

}
