package dev.fleche.autoconfigure.reactive;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import dev.fleche.annotation.CachedCall;
import dev.fleche.annotation.Locked;
import dev.fleche.annotation.OnTimeout;

/** Beans with reactive and future results, counting real subscriptions. */
final class ReactiveServices {

	private ReactiveServices() {
	}

	/** Cached reactive methods. */
	static class Prices {

		private final AtomicInteger subscriptions = new AtomicInteger();

		private final AtomicInteger cancels = new AtomicInteger();

		private volatile Sinks.One<Integer> gate = Sinks.one();

		public int subscriptions() {
			return this.subscriptions.get();
		}

		public int cancels() {
			return this.cancels.get();
		}

		public Sinks.One<Integer> gate() {
			return this.gate;
		}

		public void newGate() {
			this.gate = Sinks.one();
		}

		@CachedCall(name = "prices.price")
		public Mono<Integer> price(String sku) {
			return Mono.fromCallable(() -> {
				this.subscriptions.incrementAndGet();
				return sku.length() * 10;
			});
		}

		@CachedCall(name = "prices.history")
		public Flux<Integer> history(String sku) {
			return Flux.defer(() -> {
				this.subscriptions.incrementAndGet();
				return Flux.just(1, 2, 3);
			});
		}

		@CachedCall(name = "prices.missing")
		public Mono<Integer> missing(String sku) {
			return Mono.defer(() -> {
				this.subscriptions.incrementAndGet();
				return Mono.empty();
			});
		}

		@CachedCall(name = "prices.failing")
		public Mono<Integer> failing(String sku) {
			return Mono.defer(() -> {
				int n = this.subscriptions.incrementAndGet();
				return (n == 1) ? Mono.error(new IllegalStateException("boom")) : Mono.just(7);
			});
		}

		@CachedCall(name = "prices.gated")
		public Mono<Integer> gated(String sku) {
			return Mono.defer(() -> {
				this.subscriptions.incrementAndGet();
				return this.gate.asMono();
			}).doOnCancel(this.cancels::incrementAndGet);
		}

	}

	/** Locked reactive and future methods. */
	static class Jobs {

		private final AtomicInteger runs = new AtomicInteger();

		public int runs() {
			return this.runs.get();
		}

		@Locked(name = "jobs.mono")
		public Mono<String> mono(Mono<String> work) {
			return work.doOnSubscribe(s -> this.runs.incrementAndGet());
		}

		@Locked(name = "jobs.mono")
		public Flux<String> flux(Flux<String> work) {
			return work.doOnSubscribe(s -> this.runs.incrementAndGet());
		}

		@Locked(name = "jobs.mono", waitTimeout = "100ms")
		public Mono<String> impatient(Mono<String> work) {
			return work;
		}

		@Locked(name = "jobs.mono", waitTimeout = "100ms", onTimeout = OnTimeout.SKIP)
		public Mono<String> skipping(Mono<String> work) {
			return work;
		}

		@Locked(name = "jobs.future", holdUntilComplete = true)
		public CompletableFuture<String> held(CompletableFuture<String> work) {
			return work;
		}

		@Locked(name = "jobs.future")
		public CompletableFuture<String> notHeld(CompletableFuture<String> work) {
			return work;
		}

		@Locked(name = "jobs.delay")
		public Mono<Long> delayed() {
			return Mono.delay(Duration.ofMillis(50));
		}

	}

	/** An invalid holdUntilComplete. */
	static class BadHold {

		@Locked(holdUntilComplete = true)
		public String value() {
			return "v";
		}

	}

}
