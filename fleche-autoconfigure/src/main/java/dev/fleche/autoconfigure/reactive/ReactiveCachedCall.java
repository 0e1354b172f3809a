package dev.fleche.autoconfigure.reactive;

import java.lang.reflect.Type;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.core.ResolvableType;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import dev.fleche.core.cache.CallCache;
import dev.fleche.core.cache.CallSpec;

/**
 * Runs a cached method that returns {@code Mono<T>} or {@code Flux<T>} through the
 * {@link CallCache} on subscription: a hit replays the stored value (a {@code Flux} its stored
 * list); a miss subscribes to the method's publisher and stores the value when it completes (an
 * empty {@code Mono} stores {@code null} and replays empty). An error stores nothing; a cancelled
 * subscriber that was computing cancels the method's publisher and stores nothing, and a subscriber
 * that was waiting for it computes again.
 */
public final class ReactiveCachedCall {

	private ReactiveCachedCall() {
	}

	/** The publisher to return for {@code invocation} of a method returning {@code Mono} or {@code Flux}. */
	public static Object invoke(CallCache cache, CallSpec spec, MethodInvocation invocation) {
		boolean flux = ReactiveTypes.isFlux(invocation.getMethod().getReturnType());
		CallSpec async = new CallSpec(spec.function(), spec.version(), spec.arguments(), futureType(spec.returnType(), flux));
		Mono<Object> cached = Mono.defer(() -> subscribeOnce(cache, async, invocation, flux))
			.retryWhen(Retry.indefinitely().filter(ComputingSubscriberCancelled.class::isInstance));
		if (flux) {
			return cached.flatMapIterable(list -> (List<?>) list);
		}
		return cached;
	}

	private static Mono<Object> subscribeOnce(CallCache cache, CallSpec spec, MethodInvocation invocation, boolean flux) {
		Upstream upstream = new Upstream();
		CompletableFuture<?> result;
		try {
			result = (CompletableFuture<?>) cache.call(spec, () -> upstream.start(invocation, flux));
		}
		catch (Throwable ex) {
			return Mono.error(ex);
		}
		return Mono.fromFuture(result, true).map(Object.class::cast).doOnCancel(upstream::cancel);
	}

	private static Type futureType(Type returnType, boolean flux) {
		ResolvableType element = ResolvableType.forType(returnType).getGeneric(0);
		if (element.resolve() == null) {
			element = ResolvableType.forClass(Object.class);
		}
		ResolvableType value = flux ? ResolvableType.forClassWithGenerics(List.class, element) : element;
		return ResolvableType.forClassWithGenerics(CompletableFuture.class, value).getType();
	}

	/** The method's publisher, subscribed by the one subscriber that computes. */
	private static final class Upstream {

		private final AtomicReference<@Nullable Disposable> subscription = new AtomicReference<>();

		private final CompletableFuture<@Nullable Object> value = new CompletableFuture<>();

		private final AtomicBoolean cancelled = new AtomicBoolean();

		CompletableFuture<@Nullable Object> start(MethodInvocation invocation, boolean flux) throws Throwable {
			if (this.cancelled.get()) {
				this.value.completeExceptionally(new ComputingSubscriberCancelled());
				return this.value;
			}
			MethodInvocation own = (invocation instanceof ProxyMethodInvocation proxy) ? proxy.invocableClone()
					: invocation;
			Object publisher = own.proceed();
			if (publisher == null) {
				this.value.complete(null);
				return this.value;
			}
			Mono<?> mono = flux ? ((Flux<?>) publisher).collectList() : (Mono<?>) publisher;
			Disposable disposable = mono.subscribe(this.value::complete, this.value::completeExceptionally,
					() -> this.value.complete(null));
			this.subscription.set(disposable);
			if (this.cancelled.get()) {
				disposable.dispose();
				this.value.completeExceptionally(new ComputingSubscriberCancelled());
			}
			return this.value;
		}

		void cancel() {
			this.cancelled.set(true);
			Disposable disposable = this.subscription.get();
			if (disposable != null) {
				disposable.dispose();
				this.value.completeExceptionally(new ComputingSubscriberCancelled());
			}
		}

	}

	/** Fails the waiters of a computation whose subscriber cancelled; they compute again. */
	static final class ComputingSubscriberCancelled extends RuntimeException {

		private static final long serialVersionUID = 1L;

		ComputingSubscriberCancelled() {
			super("The subscriber computing this cached call cancelled", null, false, false);
		}

	}

}
