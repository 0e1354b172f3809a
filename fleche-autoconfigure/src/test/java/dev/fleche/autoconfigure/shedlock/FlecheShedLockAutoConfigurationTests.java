package dev.fleche.autoconfigure.shedlock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import net.javacrumbs.shedlock.core.LockProvider;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.fleche.autoconfigure.lock.FlecheLockAutoConfiguration;

class FlecheShedLockAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(FlecheLockAutoConfiguration.class,
				FlecheShedLockAutoConfiguration.class))
		.withPropertyValues("fleche.lock.backend=local");

	@Test
	void registeredWithShedLock() {
		this.runner.run(context -> assertThat(context).hasSingleBean(FlecheLockProvider.class));
	}

	@Test
	void backsOffForTheUsersProvider() {
		LockProvider mine = configuration -> Optional.empty();
		this.runner.withBean(LockProvider.class, () -> mine)
			.run(context -> assertThat(context.getBean(LockProvider.class)).isSameAs(mine));
	}

	@Test
	void absentWithoutShedLock() {
		this.runner.withClassLoader(new FilteredClassLoader(LockProvider.class))
			.run(context -> assertThat(context).doesNotHaveBean(FlecheLockProvider.class));
	}

	@Test
	void aBlankPrefixNamesTheProperty() {
		this.runner.withPropertyValues("fleche.shedlock.key-prefix= ")
			.run(context -> assertThat(context).getFailure().hasStackTraceContaining("fleche.shedlock.key-prefix"));
	}

}
