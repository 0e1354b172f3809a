package dev.fleche.autoconfigure.reactive;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.aopalliance.intercept.MethodInvocation;
import org.reactivestreams.Publisher;
import org.springframework.aop.ProxyMethodInvocation;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.fleche.core.lock.Acquirable;
import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockTimeoutException;

/**
 * Runs a locked method that returns {@code Mono} or {@code Flux} under its lock: each
 * subscription requests the grant asynchronously (no thread waits), subscribes to the method's
 * publisher once granted, and releases the grant when the publisher completes, fails or is
 * cancelled. Cancelling while waiting withdraws the request.
 */
public final class ReactiveLocked {

	private ReactiveLocked() {
	}

	/**
	 * The publisher to return.
	 * @param acquirable what to acquire
	 * @param waitTimeout how long to wait for it
	 * @param skipOnTimeout whether a timeout completes empty instead of failing
	 * @param invocation the method call, proceeded once per subscription
	 */
	public static Object invoke(Acquirable acquirable, Duration waitTimeout, boolean skipOnTimeout,
			MethodInvocation invocation) {
		boolean flux = ReactiveTypes.isFlux(invocation.getMethod().getReturnType());
		Supplier<CompletableFuture<LockHandle>> request = () -> acquirable.acquireAsync(waitTimeout);
		Mono<LockHandle> grant = Mono.fromFuture(request);
		if (flux) {
			Flux<Object> locked = Flux.usingWhen(grant, handle -> Flux.from(proceed(invocation)), ReactiveLocked::release,
					(handle, error) -> release(handle), ReactiveLocked::release);
			return skipOnTimeout ? locked.onErrorResume(LockTimeoutException.class, ex -> Flux.empty()) : locked;
		}
		Mono<Object> locked = Mono.usingWhen(grant, handle -> Mono.from(proceed(invocation)), ReactiveLocked::release,
				(handle, error) -> release(handle), ReactiveLocked::release);
		return skipOnTimeout ? locked.onErrorResume(LockTimeoutException.class, ex -> Mono.empty()) : locked;
	}

	@SuppressWarnings("unchecked")
	private static Publisher<Object> proceed(MethodInvocation invocation) {
		MethodInvocation own = (invocation instanceof ProxyMethodInvocation proxy) ? proxy.invocableClone() : invocation;
		Object publisher;
		try {
			publisher = own.proceed();
		}
		catch (Throwable ex) {
			return Mono.error(ex);
		}
		return (publisher != null) ? (Publisher<Object>) publisher : Mono.empty();
	}

	private static Mono<Void> release(LockHandle handle) {
		return Mono.fromRunnable(handle::close);
	}

}
