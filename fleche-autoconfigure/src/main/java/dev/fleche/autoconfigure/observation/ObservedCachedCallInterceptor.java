package dev.fleche.autoconfigure.observation;

import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;

import dev.fleche.autoconfigure.cache.CachedCallOperationSource;

/**
 * Observes {@code @CachedCall} methods as {@value #CALL}, from just outside the cache advice,
 * tagged with the function and the result: {@code hit}, {@code miss}, {@code shared} (another
 * thread computed it), {@code error} (the method failed), or {@code deferred} for a future or
 * publisher whose computation goes on after the call returns. A returned future stops the
 * observation when it completes.
 */
public final class ObservedCachedCallInterceptor implements MethodInterceptor {

	/** The observation of a cached call. */
	public static final String CALL = "fleche.cache.call";

	private final CachedCallOperationSource source;

	private final Supplier<ObservationRegistry> registry;

	public ObservedCachedCallInterceptor(CachedCallOperationSource source, Supplier<ObservationRegistry> registry) {
		this.source = source;
		this.registry = registry;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Object target = invocation.getThis();
		Class<?> targetClass = (target != null) ? AopUtils.getTargetClass(target) : invocation.getMethod().getDeclaringClass();
		String function = this.source.get(invocation.getMethod(), targetClass).function();
		CallResult result = new CallResult(function);
		SafeObservations.Started started = SafeObservations.start(this.registry, CALL, Observation.Context::new,
				"function", function);
		if (started == null) {
			return invocation.proceed();
		}
		CallResult outer = CallResult.CURRENT.get();
		CallResult.CURRENT.set(result);
		Object returned;
		try {
			returned = invocation.proceed();
		}
		catch (Throwable ex) {
			started.stop("error", ex);
			throw ex;
		}
		finally {
			if (outer != null) {
				CallResult.CURRENT.set(outer);
			}
			else {
				CallResult.CURRENT.remove();
			}
		}
		if (returned instanceof CompletionStage<?> stage && result.outcome() == null) {
			started.closeScope();
			stage.whenComplete((value, error) -> started.stop((error != null) ? "error" : "deferred", error));
			return returned;
		}
		String outcome = result.outcome();
		if (outcome == null) {
			outcome = (returned != null && isPublisher(returned)) ? "deferred" : "shared";
		}
		started.stop(outcome, null);
		return returned;
	}

	private static boolean isPublisher(Object returned) {
		return dev.fleche.autoconfigure.reactive.ReactiveTypes.isReactive(returned.getClass())
				|| returned.getClass().getName().startsWith("reactor.core.publisher.");
	}

}
