package dev.fleche.autoconfigure.actuate;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.LockState;

import static org.assertj.core.api.Assertions.assertThat;

class FlecheLocksEndpointAutoConfigurationTests {

	private final ScriptedLockService scripted = new ScriptedLockService("local");

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(FlecheLocksEndpointAutoConfiguration.class))
		.withBean(LockService.class, this.scripted::service);

	private final ApplicationContextRunner exposed = this.runner
		.withPropertyValues("management.endpoints.web.exposure.include=locks");

	@Test
	void endpointIsPresentWhenExposedAndListensToTheLockService() {
		this.exposed.run((context) -> {
			assertThat(context).hasSingleBean(LocksEndpoint.class);
			assertThat(this.scripted.listeners()).hasSize(1);
		});
	}

	@Test
	void endpointIsAbsentWhenNotExposed() {
		this.runner.run((context) -> {
			assertThat(context).doesNotHaveBean(LocksEndpoint.class);
			assertThat(this.scripted.listeners()).isEmpty();
		});
	}

	@Test
	void endpointIsAbsentWithoutActuator() {
		this.exposed.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> assertThat(context).doesNotHaveBean(LocksEndpoint.class));
	}

	@Test
	void endpointIsAbsentWithoutALockService() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(FlecheLocksEndpointAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=locks")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(LocksEndpoint.class));
	}

	@Test
	void userEndpointMakesItBackOff() {
		LocksEndpoint own = new LocksEndpoint(List.of());
		this.exposed.withBean("ownLocksEndpoint", LocksEndpoint.class, () -> own)
			.run((context) -> assertThat(context).getBean(LocksEndpoint.class).isSameAs(own));
	}

	@Test
	void listsEveryLockUsedAndOneByKey() {
		this.exposed.run((context) -> {
			LocksEndpoint endpoint = context.getBean(LocksEndpoint.class);
			this.scripted.use("stock:apple", LockMode.MUTEX, 1, 0, 2_000_000);
			this.scripted.use("stock:apple", LockMode.MUTEX, 2, 4_000_000, 1_000_000);
			this.scripted.timeOut("stock:apple", LockMode.MUTEX, 10_000_000);
			this.scripted.use("reports/2024", LockMode.READ, 1, 0, 5_000);
			this.scripted.state(new LockState("stock:apple", "local",
					List.of(new LockState.Holder("7/1", "mutex", 3, 0, 1_000)), 2, 3, Set.of()));

			LocksDescriptor all = endpoint.locks();
			assertThat(all.locks()).extracting(LockDescriptor::key).containsExactly("reports/2024", "stock:apple");

			LockDescriptor apple = endpoint.lock(new String[] { "stock:apple" });
			assertThat(apple).isNotNull();
			assertThat(apple.backend()).isEqualTo("local");
			assertThat(apple.modes()).containsExactly("mutex");
			assertThat(apple.acquisitions()).isEqualTo(2);
			assertThat(apple.contendedAcquisitions()).isEqualTo(1);
			assertThat(apple.timeouts()).isEqualTo(1);
			assertThat(apple.waitMillis().count()).isEqualTo(2);
			assertThat(apple.waitMillis().max()).isEqualTo(4.0);
			assertThat(apple.longestHoldMillis()).isEqualTo(2.0);
			assertThat(apple.lastToken()).isEqualTo(3);
			assertThat(apple.queueLength()).isEqualTo(2);
			assertThat(apple.holders()).containsExactly(
					new HolderDescriptor("7/1", "mutex", 3, "1970-01-01T00:00:00Z", "1970-01-01T00:00:01Z"));

			assertThat(endpoint.lock(new String[] { "reports", "2024" })).isNotNull()
				.extracting(LockDescriptor::modes)
				.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.ITERABLE).containsExactly("read");
			assertThat(endpoint.lock(new String[] { "unknown" })).isNull();
		});
	}

	@Test
	void maxKeysIsBoundAndValidated() {
		this.exposed.withPropertyValues("fleche.lock.statistics.max-keys=5")
			.run((context) -> assertThat(context.getBean(LockStatisticsProperties.class).getMaxKeys()).isEqualTo(5));
		this.exposed.withPropertyValues("fleche.lock.statistics.max-keys=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("fleche.lock.statistics.max-keys"));
	}

}
