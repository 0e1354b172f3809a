package dev.fleche.autoconfigure.lock;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.expression.EvaluationException;
import org.springframework.expression.Expression;
import org.springframework.expression.BeanResolver;

import dev.fleche.annotation.LockKind;
import dev.fleche.annotation.OnTimeout;
import dev.fleche.core.digest.UndigestableValueException;
import dev.fleche.core.lock.Acquirable;
import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.LockService;

/**
 * A parsed {@link dev.fleche.annotation.Locked} method: its lock name, key expression (parsed once),
 * primitive, durations and timeout policy. Immutable.
 */
public final class LockedOperation {

	private static final ParameterNameDiscoverer PARAMETER_NAMES = new DefaultParameterNameDiscoverer();

	private final String method;

	private final String name;

	private final @Nullable Expression key;

	private final LockKind kind;

	private final int permits;

	private final @Nullable LockMode mode;

	private final Duration waitTimeout;

	private final LockOptions options;

	private final OnTimeout onTimeout;

	private final String lockService;

	private final Class<?> returnType;

	private final BeanResolver beans;

	private final boolean holdUntilComplete;

	LockedOperation(Builder builder) {
		this.method = builder.method;
		this.name = builder.name;
		this.key = builder.key;
		this.kind = builder.kind;
		this.permits = builder.permits;
		this.mode = builder.mode;
		this.waitTimeout = builder.waitTimeout;
		this.options = LockOptions.defaults().withLease(builder.lease).withFair(builder.fair);
		this.onTimeout = builder.onTimeout;
		this.lockService = builder.lockService;
		this.returnType = builder.returnType;
		this.beans = builder.beans;
		this.holdUntilComplete = builder.holdUntilComplete;
	}

	/** Whether a returned future keeps the lock until it completes. */
	public boolean holdUntilComplete() {
		return this.holdUntilComplete;
	}

	/** The method's identity. */
	public String method() {
		return this.method;
	}

	/** The lock name, the key's first part. */
	public String name() {
		return this.name;
	}

	/** How long to wait. */
	public Duration waitTimeout() {
		return this.waitTimeout;
	}

	/** What to do on timeout. */
	public OnTimeout onTimeout() {
		return this.onTimeout;
	}

	/** The bean name of the lock service to use, empty for the default. */
	public String lockService() {
		return this.lockService;
	}

	/** The lock key of one call. */
	public String key(Object target, Method method, @Nullable Object[] args) {
		if (this.key == null) {
			return this.name;
		}
		MethodBasedEvaluationContext context = new MethodBasedEvaluationContext(new Root(method, args, target), method,
				args, PARAMETER_NAMES);
		context.setBeanResolver(this.beans);
		Object value;
		try {
			value = this.key.getValue(context);
		}
		catch (EvaluationException ex) {
			throw new LockKeyException("Lock key expression '" + this.key.getExpressionString() + "' of " + this.method
					+ " failed: " + ex.getMessage(), ex);
		}
		if (value == null) {
			throw new LockKeyException(
					"Lock key expression '" + this.key.getExpressionString() + "' of " + this.method + " evaluated to null");
		}
		try {
			return this.name + ":" + LockKeyValues.text(value);
		}
		catch (UndigestableValueException ex) {
			throw new LockKeyException("Lock key expression '" + this.key.getExpressionString() + "' of " + this.method
					+ " gave a " + value.getClass().getName() + ", which is not a simple value and has no content digest: "
					+ ex.getMessage(), ex);
		}
	}

	/** The primitive to acquire for {@code key}. */
	public Acquirable acquirable(LockService service, String key) {
		return switch (this.kind) {
			case MUTEX -> service.lock(key, this.options);
			case REENTRANT -> service.rlock(key, this.options);
			case READ -> service.readWriteLock(key, this.options).read();
			case WRITE -> service.readWriteLock(key, this.options).write();
			case SEMAPHORE -> service.semaphore(key, this.permits, this.options);
			case FIFO -> service.fifo(key, this.options).mode(this.mode);
		};
	}

	/** What a skipped call returns: empty for {@code Optional}, otherwise {@code null}. */
	public @Nullable Object skipValue() {
		return (this.returnType == Optional.class) ? Optional.empty() : null;
	}

	/**
	 * The root object of key expressions.
	 *
	 * @param method the method called
	 * @param args its arguments
	 * @param target the bean
	 */
	public record Root(Method method, @Nullable Object[] args, Object target) {
	}

	static final class Builder {

		String method = "";

		String name = "";

		@Nullable Expression key;

		LockKind kind = LockKind.MUTEX;

		int permits = 1;

		@Nullable LockMode mode;

		Duration waitTimeout = Duration.ZERO;

		@Nullable Duration lease;

		boolean fair = true;

		OnTimeout onTimeout = OnTimeout.THROW;

		String lockService = "";

		Class<?> returnType = Object.class;

		BeanResolver beans;

		boolean holdUntilComplete;

		LockedOperation build() {
			return new LockedOperation(this);
		}

	}

}
