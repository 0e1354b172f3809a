package dev.fleche.autoconfigure.lock;

import java.util.Optional;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;

import dev.fleche.annotation.OnTimeout;
import dev.fleche.autoconfigure.observation.LockObservation;
import dev.fleche.autoconfigure.reactive.FutureLocks;
import dev.fleche.autoconfigure.reactive.ReactiveLocked;
import dev.fleche.autoconfigure.reactive.ReactiveTypes;
import dev.fleche.core.lock.Acquirable;
import dev.fleche.core.lock.LockException;
import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.LockState;
import dev.fleche.core.lock.LockTimeoutException;

/**
 * Runs a {@link dev.fleche.annotation.Locked} method under its lock: computes the key, waits at
 * most the wait timeout, then runs the method and releases the grant however it ends. A method
 * returning a future holds the lock until the method returns, or with {@code holdUntilComplete}
 * until the future completes; a {@code Mono} or {@code Flux} is locked per subscription, without
 * blocking (see {@link ReactiveLocked}).
 */
public final class LockedInterceptor implements MethodInterceptor {

	private static final Logger logger = LoggerFactory.getLogger(LockedInterceptor.class);

	private final LockedOperationSource source;

	private final ObjectProvider<LockService> defaultService;

	private final BeanFactory beanFactory;

	private volatile @Nullable LockObservation observation;

	public LockedInterceptor(LockedOperationSource source, ObjectProvider<LockService> defaultService,
			BeanFactory beanFactory) {
		this.source = source;
		this.defaultService = defaultService;
		this.beanFactory = beanFactory;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Object target = invocation.getThis();
		Class<?> targetClass = (target != null) ? AopUtils.getTargetClass(target) : invocation.getMethod().getDeclaringClass();
		LockedOperation operation = this.source.get(invocation.getMethod(), targetClass);
		String key = operation.key(target, invocation.getMethod(), invocation.getArguments());
		Acquirable acquirable = operation.acquirable(service(operation), key);
		if (ReactiveTypes.isReactive(invocation.getMethod().getReturnType())) {
			return ReactiveLocked.invoke(acquirable, operation.waitTimeout(), operation.onTimeout() == OnTimeout.SKIP,
					invocation);
		}
		Optional<LockHandle> handle;
		try {
			handle = observation().acquire(service(operation), operation.name(), acquirable,
					() -> acquirable.tryAcquire(operation.waitTimeout()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LockException(key, "Interrupted while waiting for lock '" + key + "' of " + operation.method(), ex);
		}
		if (handle.isEmpty()) {
			if (operation.onTimeout() == OnTimeout.SKIP) {
				if (logger.isDebugEnabled()) {
					logger.debug("Skipped {}: lock '{}' not granted within {}; held by {}", operation.method(), key,
							operation.waitTimeout(), holders(service(operation), key));
				}
				return operation.skipValue();
			}
			throw new LockTimeoutException(key, operation.waitTimeout());
		}
		if (operation.holdUntilComplete()) {
			return FutureLocks.holdUntilComplete(handle.get(), invocation);
		}
		try (LockHandle held = handle.get()) {
			return observation().hold(service(operation), operation.name(), acquirable, invocation);
		}
	}

	/** The {@link LockObservation} bean if there is one (looked up once), else none. */
	private LockObservation observation() {
		LockObservation current = this.observation;
		if (current == null) {
			current = this.beanFactory.getBeanProvider(LockObservation.class).getIfAvailable(() -> LockObservation.NONE);
			this.observation = current;
		}
		return current;
	}

	private static String holders(LockService service, String key) {
		try {
			return service.state(key)
				.map((state) -> state.holders().stream().map(LockState.Holder::owner).toList().toString())
				.orElse("[unknown]");
		}
		catch (RuntimeException ex) {
			return "[unknown: " + ex.getClass().getSimpleName() + "]";
		}
	}

	private LockService service(LockedOperation operation) {
		if (operation.lockService().isEmpty()) {
			return this.defaultService.getObject();
		}
		return this.beanFactory.getBean(operation.lockService(), LockService.class);
	}

}
