package dev.fleche.autoconfigure.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import dev.fleche.autoconfigure.cache.FlecheCacheAutoConfiguration;
import dev.fleche.autoconfigure.lock.FlecheLockAutoConfiguration;
import dev.fleche.autoconfigure.storage.FlecheStorageAutoConfiguration;
import dev.fleche.core.cache.CachedCalls;
import dev.fleche.core.call.CallTemplate;

class ReactiveCachedCallTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(FlecheStorageAutoConfiguration.class, FlecheLockAutoConfiguration.class,
				FlecheCacheAutoConfiguration.class))
		.withPropertyValues("fleche.storage.type=memory", "fleche.lock.backend=local")
		.withBean(ReactiveServices.Prices.class);

	@Test
	void monoMissStoresOnCompletionAndHitReplays() {
		this.runner.run(context -> {
			ReactiveServices.Prices prices = context.getBean(ReactiveServices.Prices.class);
			Mono<Integer> first = prices.price("abc");
			assertThat(prices.subscriptions()).as("nothing runs before subscription").isEqualTo(0);
			StepVerifier.create(first).expectNext(30).verifyComplete();
			StepVerifier.create(prices.price("abc")).expectNext(30).verifyComplete();
			StepVerifier.create(prices.price("abcd")).expectNext(40).verifyComplete();
			assertThat(prices.subscriptions()).isEqualTo(2);
		});
	}

	@Test
	void fluxStoresTheCollectedListAndReplaysIt() {
		this.runner.run(context -> {
			ReactiveServices.Prices prices = context.getBean(ReactiveServices.Prices.class);
			StepVerifier.create(prices.history("a")).expectNext(1, 2, 3).verifyComplete();
			StepVerifier.create(prices.history("a")).expectNext(1, 2, 3).verifyComplete();
			assertThat(prices.subscriptions()).isEqualTo(1);
		});
	}

	@Test
	void anEmptyMonoIsCachedAsEmpty() {
		this.runner.run(context -> {
			ReactiveServices.Prices prices = context.getBean(ReactiveServices.Prices.class);
			StepVerifier.create(prices.missing("a")).verifyComplete();
			StepVerifier.create(prices.missing("a")).verifyComplete();
			assertThat(prices.subscriptions()).isEqualTo(1);
		});
	}

	@Test
	void anErrorStoresNothing() {
		this.runner.run(context -> {
			ReactiveServices.Prices prices = context.getBean(ReactiveServices.Prices.class);
			StepVerifier.create(prices.failing("a")).expectErrorMessage("boom").verify();
			assertThat(context.getBean(CachedCalls.class)
				.query(CallTemplate.any().withName("prices.failing"))).isEmpty();
			StepVerifier.create(prices.failing("a")).expectNext(7).verifyComplete();
			StepVerifier.create(prices.failing("a")).expectNext(7).verifyComplete();
			assertThat(prices.subscriptions()).isEqualTo(2);
		});
	}

	@Test
	void cancellingCancelsTheMethodsPublisherAndStoresNothing() {
		this.runner.run(context -> {
			ReactiveServices.Prices prices = context.getBean(ReactiveServices.Prices.class);
			Disposable subscription = prices.gated("a").subscribe();
			assertThat(prices.subscriptions()).isEqualTo(1);
			subscription.dispose();
			assertThat(prices.cancels()).isEqualTo(1);
			prices.gate().tryEmitValue(5);
			prices.newGate();
			prices.gate().tryEmitValue(6);
			StepVerifier.create(prices.gated("a")).expectNext(6).verifyComplete();
			assertThat(prices.subscriptions()).isEqualTo(2);
		});
	}

	@Test
	void concurrentSubscribersComputeOnce() {
		this.runner.run(context -> {
			ReactiveServices.Prices prices = context.getBean(ReactiveServices.Prices.class);
			Mono<Integer> a = prices.gated("k");
			Mono<Integer> b = prices.gated("k");
			StepVerifier.FirstStep<Integer> first = StepVerifier.create(a);
			Disposable second = b.subscribe();
			prices.gate().tryEmitValue(9);
			first.expectNext(9).verifyComplete();
			second.dispose();
			StepVerifier.create(prices.gated("k")).expectNext(9).verifyComplete();
			assertThat(prices.subscriptions()).isEqualTo(1);
		});
	}

	@Test
	void aWaiterComputesWhenTheComputingSubscriberCancels() {
		this.runner.run(context -> {
			ReactiveServices.Prices prices = context.getBean(ReactiveServices.Prices.class);
			Disposable leader = prices.gated("k").subscribe();
			List<Integer> received = new java.util.concurrent.CopyOnWriteArrayList<>();
			Disposable follower = prices.gated("k").subscribe(received::add);
			assertThat(prices.subscriptions()).isEqualTo(1);
			prices.newGate();
			leader.dispose();
			org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> prices.subscriptions() == 2);
			prices.gate().tryEmitValue(4);
			org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> received.equals(List.of(4)));
			follower.dispose();
			assertThat(prices.cancels()).isEqualTo(1);
		});
	}

}
