package dev.fleche.autoconfigure.integration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.integration.support.locks.DefaultLockRegistry;
import org.springframework.integration.support.locks.LockRegistry;

import dev.fleche.autoconfigure.lock.FlecheLockAutoConfiguration;

class FlecheLockRegistryAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(FlecheLockAutoConfiguration.class,
				FlecheLockRegistryAutoConfiguration.class))
		.withPropertyValues("fleche.lock.backend=local");

	@Test
	void registeredWithSpringIntegration() {
		this.runner.run(context -> assertThat(context).hasSingleBean(FlecheLockRegistry.class));
	}

	@Test
	void backsOffForTheUsersRegistry() {
		this.runner.withBean(LockRegistry.class, DefaultLockRegistry::new)
			.run(context -> assertThat(context.getBean(LockRegistry.class)).isInstanceOf(DefaultLockRegistry.class));
	}

	@Test
	void absentWithoutSpringIntegration() {
		this.runner.withClassLoader(new FilteredClassLoader(LockRegistry.class))
			.run(context -> assertThat(context).doesNotHaveBean(FlecheLockRegistry.class));
	}

	@Test
	void canBeSwitchedOff() {
		this.runner.withPropertyValues("fleche.integration.lock-registry.enabled=false")
			.run(context -> assertThat(context).doesNotHaveBean(FlecheLockRegistry.class));
	}

	@Test
	void aBadLeaseNamesTheProperty() {
		this.runner.withPropertyValues("fleche.integration.lock-registry.lease=0s")
			.run(context -> assertThat(context).getFailure()
				.hasStackTraceContaining("fleche.integration.lock-registry.lease"));
	}

}
