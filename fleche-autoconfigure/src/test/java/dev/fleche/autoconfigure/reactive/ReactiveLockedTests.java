package dev.fleche.autoconfigure.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import dev.fleche.autoconfigure.lock.FlecheLockAutoConfiguration;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.LockTimeoutException;

class ReactiveLockedTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(FlecheLockAutoConfiguration.class))
		.withPropertyValues("fleche.lock.backend=local")
		.withBean(ReactiveServices.Jobs.class);

	private static boolean locked(LockService locks, String key) {
		return locks.lock(key).isLocked();
	}

	@Test
	void monoHoldsTheLockFromSubscriptionToCompletion() {
		this.runner.run(context -> {
			ReactiveServices.Jobs jobs = context.getBean(ReactiveServices.Jobs.class);
			LockService locks = context.getBean(LockService.class);
			Sinks.One<String> work = Sinks.one();
			Mono<String> mono = jobs.mono(work.asMono());
			assertThat(locked(locks, "jobs.mono")).as("nothing acquired before subscription").isFalse();
			StepVerifier.FirstStep<String> step = StepVerifier.create(mono);
			Disposable running = mono.subscribe();
			assertThat(locked(locks, "jobs.mono")).isTrue();
			work.tryEmitValue("done");
			running.dispose();
			step.expectNext("done").verifyComplete();
			assertThat(locked(locks, "jobs.mono")).isFalse();
		});
	}

	@Test
	void aSecondSubscriberWaitsWithoutAThreadAndRunsAfterRelease() {
		this.runner.run(context -> {
			ReactiveServices.Jobs jobs = context.getBean(ReactiveServices.Jobs.class);
			Sinks.One<String> first = Sinks.one();
			Disposable holder = jobs.mono(first.asMono()).subscribe();
			CompletableFuture<String> second = jobs.mono(Mono.just("second")).toFuture();
			assertThat(second).as("waits while the first holds").isNotDone();
			assertThat(jobs.runs()).isEqualTo(1);
			first.tryEmitValue("first");
			assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("second");
			assertThat(jobs.runs()).isEqualTo(2);
			holder.dispose();
		});
	}

	@Test
	void cancellingTheHolderReleasesTheLock() {
		this.runner.run(context -> {
			ReactiveServices.Jobs jobs = context.getBean(ReactiveServices.Jobs.class);
			LockService locks = context.getBean(LockService.class);
			Disposable holder = jobs.mono(Mono.never()).subscribe();
			assertThat(locked(locks, "jobs.mono")).isTrue();
			holder.dispose();
			Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !locked(locks, "jobs.mono"));
			StepVerifier.create(jobs.mono(Mono.just("next"))).expectNext("next").verifyComplete();
		});
	}

	@Test
	void cancellingAWaiterWithdrawsItsRequest() {
		this.runner.run(context -> {
			ReactiveServices.Jobs jobs = context.getBean(ReactiveServices.Jobs.class);
			LockService locks = context.getBean(LockService.class);
			Sinks.One<String> first = Sinks.one();
			Disposable holder = jobs.mono(first.asMono()).subscribe();
			Disposable waiter = jobs.mono(Mono.never()).subscribe();
			waiter.dispose();
			first.tryEmitValue("first");
			Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !locked(locks, "jobs.mono"));
			assertThat(jobs.runs()).as("the withdrawn waiter never ran").isEqualTo(1);
			holder.dispose();
		});
	}

	@Test
	void anErrorReleasesTheLock() {
		this.runner.run(context -> {
			ReactiveServices.Jobs jobs = context.getBean(ReactiveServices.Jobs.class);
			LockService locks = context.getBean(LockService.class);
			StepVerifier.create(jobs.mono(Mono.error(new IllegalStateException("boom"))))
				.expectErrorMessage("boom")
				.verify();
			assertThat(locked(locks, "jobs.mono")).isFalse();
		});
	}

	@Test
	void fluxHoldsTheLockUntilItCompletes() {
		this.runner.run(context -> {
			ReactiveServices.Jobs jobs = context.getBean(ReactiveServices.Jobs.class);
			LockService locks = context.getBean(LockService.class);
			Sinks.Many<String> items = Sinks.many().unicast().onBackpressureBuffer();
			StepVerifier.Step<String> step = StepVerifier.create(jobs.flux(items.asFlux())).then(() -> {
				items.tryEmitNext("a");
				assertThat(locked(locks, "jobs.mono")).isTrue();
				items.tryEmitNext("b");
				items.tryEmitComplete();
			}).expectNext("a", "b");
			step.verifyComplete();
			assertThat(locked(locks, "jobs.mono")).isFalse();
			Disposable cancelled = jobs.flux(Flux.never()).subscribe();
			cancelled.dispose();
			Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !locked(locks, "jobs.mono"));
		});
	}

	@Test
	void aTimeoutFailsOrSkips() {
		this.runner.run(context -> {
			ReactiveServices.Jobs jobs = context.getBean(ReactiveServices.Jobs.class);
			Disposable holder = jobs.mono(Mono.never()).subscribe();
			StepVerifier.create(jobs.impatient(Mono.just("x"))).expectError(LockTimeoutException.class).verify();
			StepVerifier.create(jobs.skipping(Mono.just("x"))).verifyComplete();
			holder.dispose();
		});
	}

	@Test
	void resubscribingLocksAgain() {
		this.runner.run(context -> {
			ReactiveServices.Jobs jobs = context.getBean(ReactiveServices.Jobs.class);
			Mono<Long> delayed = jobs.delayed();
			StepVerifier.create(delayed).expectNext(0L).verifyComplete();
			StepVerifier.create(delayed).expectNext(0L).verifyComplete();
		});
	}

	@Test
	void holdUntilCompleteKeepsTheLockUntilTheFutureCompletes() {
		this.runner.run(context -> {
			ReactiveServices.Jobs jobs = context.getBean(ReactiveServices.Jobs.class);
			LockService locks = context.getBean(LockService.class);
			CompletableFuture<String> work = new CompletableFuture<>();
			CompletableFuture<String> returned = jobs.held(work);
			assertThat(locked(locks, "jobs.future")).isTrue();
			CompletableFuture.runAsync(() -> work.complete("done")).get(5, TimeUnit.SECONDS);
			assertThat(returned.get(5, TimeUnit.SECONDS)).isEqualTo("done");
			assertThat(locked(locks, "jobs.future")).isFalse();
			CompletableFuture<String> cancelled = jobs.held(new CompletableFuture<>());
			cancelled.cancel(false);
			assertThat(locked(locks, "jobs.future")).isFalse();
			CompletableFuture<String> pending = new CompletableFuture<>();
			jobs.notHeld(pending);
			assertThat(locked(locks, "jobs.future")).as("without the option, released at return").isFalse();
		});
	}

	@Test
	void holdUntilCompleteOnAPlainResultFailsTheStart() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FlecheLockAutoConfiguration.class))
			.withPropertyValues("fleche.lock.backend=local")
			.withBean(ReactiveServices.BadHold.class)
			.run(context -> assertThat(context).getFailure()
				.hasStackTraceContaining("holdUntilComplete needs a CompletionStage")
				.hasStackTraceContaining("BadHold"));
	}

}
