package dev.fleche.autoconfigure.cache;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;

import dev.fleche.autoconfigure.reactive.ReactiveCachedCall;
import dev.fleche.autoconfigure.reactive.ReactiveTypes;
import dev.fleche.core.cache.CallCache;

/**
 * Runs a {@link dev.fleche.annotation.CachedCall} method through the {@link CallCache}; a
 * {@code Mono} or {@code Flux} result is cached on subscription (see {@link ReactiveCachedCall}).
 */
public final class CachedCallInterceptor implements MethodInterceptor {

	private final CachedCallOperationSource source;

	private final ObjectProvider<CallCache> cache;

	public CachedCallInterceptor(CachedCallOperationSource source, ObjectProvider<CallCache> cache) {
		this.source = source;
		this.cache = cache;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Object target = invocation.getThis();
		Class<?> targetClass = (target != null) ? AopUtils.getTargetClass(target) : invocation.getMethod().getDeclaringClass();
		CachedCallOperation operation = this.source.get(invocation.getMethod(), targetClass);
		if (ReactiveTypes.isReactive(invocation.getMethod().getReturnType())) {
			return ReactiveCachedCall.invoke(this.cache.getObject(), operation.spec(invocation.getArguments()), invocation);
		}
		return this.cache.getObject().call(operation.spec(invocation.getArguments()), invocation::proceed);
	}

}
