package dev.fleche.autoconfigure.observation;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.concurrent.TimeUnit;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.fleche.autoconfigure.cache.FlecheCacheAutoConfiguration;
import dev.fleche.autoconfigure.lock.FlecheLockAutoConfiguration;
import dev.fleche.autoconfigure.storage.FlecheStorageAutoConfiguration;
import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockService;

class FlecheObservationTests {

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private ApplicationContextRunner runner(ObservationRegistry registry) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(FlecheStorageAutoConfiguration.class, FlecheLockAutoConfiguration.class,
					FlecheCacheAutoConfiguration.class, FlecheObservationAutoConfiguration.class))
			.withPropertyValues("fleche.storage.type=memory", "fleche.lock.backend=local")
			.withBean(ObservationRegistry.class, () -> registry)
			.withBean(ObservedBeans.class);
	}

	@Test
	void lockWaitAndHoldAreObservations() {
		runner(this.registry).run(context -> {
			assertThat(context.getBean(ObservedBeans.class).reserve("A-1")).isEqualTo("reserved A-1");
			assertThat(this.registry).hasObservationWithNameEqualTo("fleche.lock.acquire")
				.that()
				.hasLowCardinalityKeyValue("backend", "local")
				.hasLowCardinalityKeyValue("mode", "mutex")
				.hasLowCardinalityKeyValue("lock", "stock")
				.hasLowCardinalityKeyValue("result", "acquired")
				.hasHighCardinalityKeyValue("fleche.lock.key", "stock:A-1")
				.hasBeenStopped();
			assertThat(this.registry).hasObservationWithNameEqualTo("fleche.lock.hold")
				.that()
				.hasLowCardinalityKeyValue("result", "success")
				.hasLowCardinalityKeyValue("lock", "stock")
				.hasBeenStopped();
		});
	}

	@Test
	void aFailingMethodAndATimeoutAreTagged() {
		runner(this.registry).run(context -> {
			ObservedBeans beans = context.getBean(ObservedBeans.class);
			assertThatIllegalStateException().isThrownBy(() -> beans.failingReserve("B"));
			assertThat(this.registry).hasObservationWithNameEqualTo("fleche.lock.hold")
				.that()
				.hasLowCardinalityKeyValue("result", "error")
				.hasError();
			try (LockHandle held = context.getBean(LockService.class).lock("busy").acquire()) {
				assertThat(beans.skipped()).isNull();
			}
			assertThat(this.registry).hasAnObservationWithAKeyValue("result", "timeout");
		});
	}

	@Test
	void cachedCallsAreObservedAsHitOrMiss() {
		runner(this.registry).run(context -> {
			ObservedBeans beans = context.getBean(ObservedBeans.class);
			beans.price("abc");
			beans.price("abc");
			assertThat(this.registry).hasNumberOfObservationsWithNameEqualTo("fleche.cache.call", 2);
			assertThat(this.registry).hasAnObservation(observation -> observation.hasNameEqualTo("fleche.cache.call")
				.hasLowCardinalityKeyValue("function", "price")
				.hasLowCardinalityKeyValue("result", "miss"));
			assertThat(this.registry).hasAnObservation(observation -> observation.hasNameEqualTo("fleche.cache.call")
				.hasLowCardinalityKeyValue("function", "price")
				.hasLowCardinalityKeyValue("result", "hit"));
		});
	}

	@Test
	void failedAndAsynchronousCallsAreObserved() {
		runner(this.registry).run(context -> {
			ObservedBeans beans = context.getBean(ObservedBeans.class);
			org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> beans.failingPrice("x"));
			assertThat(this.registry).hasAnObservation(observation -> observation.hasNameEqualTo("fleche.cache.call")
				.hasLowCardinalityKeyValue("function", "failing-price")
				.hasLowCardinalityKeyValue("result", "error"));
			assertThat(beans.later("abcd").get(5, TimeUnit.SECONDS)).isEqualTo(4);
			org.awaitility.Awaitility.await()
				.untilAsserted(() -> assertThat(this.registry).hasAnObservation(observation -> observation
					.hasNameEqualTo("fleche.cache.call")
					.hasLowCardinalityKeyValue("function", "later")
					.hasLowCardinalityKeyValue("result", "deferred")));
			assertThat(beans.later("abcd").get(5, TimeUnit.SECONDS)).isEqualTo(4);
			assertThat(this.registry).hasAnObservation(observation -> observation.hasNameEqualTo("fleche.cache.call")
				.hasLowCardinalityKeyValue("function", "later")
				.hasLowCardinalityKeyValue("result", "hit"));
		});
	}

	@Test
	void aFailingRegistryNeverReachesTheCall() {
		ObservationRegistry failing = ObservationRegistry.create();
		failing.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStart(Observation.Context context) {
				throw new IllegalStateException("handler broken");
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
		runner(failing).run(context -> {
			ObservedBeans beans = context.getBean(ObservedBeans.class);
			assertThat(beans.reserve("A")).isEqualTo("reserved A");
			assertThat(beans.price("abc")).isEqualTo(3);
			assertThat(beans.price("abc")).isEqualTo(3);
		});
		ObservationRegistry failingOnStop = ObservationRegistry.create();
		failingOnStop.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStop(Observation.Context context) {
				throw new IllegalStateException("handler broken");
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
		runner(failingOnStop).run(context -> {
			ObservedBeans beans = context.getBean(ObservedBeans.class);
			assertThat(beans.reserve("A")).isEqualTo("reserved A");
			assertThat(beans.price("abc")).isEqualTo(3);
		});
	}

	@Test
	void switchedOffOrWithoutMicrometerNothingIsObserved() {
		runner(this.registry).withPropertyValues("fleche.observation.enabled=false").run(context -> {
			context.getBean(ObservedBeans.class).reserve("A");
			assertThat(this.registry).doesNotHaveAnyObservation();
		});
		runner(this.registry).withClassLoader(new FilteredClassLoader(ObservationRegistry.class))
			.run(context -> assertThat(context).doesNotHaveBean(ObservedLocks.class));
	}

}
