package dev.fleche.autoconfigure.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.aop.Advisor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.support.LockServices;

class FlecheLockAutoConfigurationTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(FlecheLockAutoConfiguration.class))
			.withPropertyValues("fleche.storage.path=" + this.directory);
	}

	@Test
	void defaultIsDiskLocksUnderTheStorageDirectory() {
		runner().run(context -> {
			LockService service = context.getBean(LockService.class);
			assertThat(service.backendName()).isEqualTo("disk");
			try (LockHandle handle = service.lock("k").acquire()) {
				assertThat(handle.token()).isPositive();
			}
			assertThat(Files.isDirectory(this.directory.resolve("locks"))).isTrue();
			assertThat(context).hasSingleBean(LockedOperationSource.class);
			assertThat(context.getBeansOfType(Advisor.class)).containsKey("flecheLockedAdvisor");
		});
	}

	@Test
	void explicitDirectoryAndLocalBackend() {
		runner().withPropertyValues("fleche.lock.directory=" + this.directory.resolve("elsewhere")).run(context -> {
			context.getBean(LockService.class).lock("k").acquire().close();
			assertThat(Files.isDirectory(this.directory.resolve("elsewhere"))).isTrue();
		});
		runner().withPropertyValues("fleche.lock.backend=local")
			.run(context -> assertThat(context.getBean(LockService.class).backendName()).isEqualTo("local"));
	}

	@Test
	void disabledRegistersNothing() {
		runner().withPropertyValues("fleche.lock.enabled=false").run(context -> {
			assertThat(context).doesNotHaveBean(LockService.class);
			assertThat(context).doesNotHaveBean(LockedOperationSource.class);
		});
	}

	@Test
	void userLockServiceMakesItBackOff() {
		LockService mine = LockServices.local();
		runner().withBean(LockService.class, () -> mine)
			.run(context -> assertThat(context.getBean(LockService.class)).isSameAs(mine));
		mine.close();
	}

	@Test
	void leaseShorterThanTimeoutFailsNamingTheProperty() {
		runner().withPropertyValues("fleche.lock.default-timeout=10s", "fleche.lock.default-lease=2s").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("fleche.lock.default-lease")
				.hasStackTraceContaining("shorter");
		});
	}

	@Test
	void negativeTimeoutFailsNamingTheProperty() {
		runner().withPropertyValues("fleche.lock.default-timeout=-1s").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("fleche.lock.default-timeout");
		});
	}

	@Test
	void badBackendFailsNamingTheProperty() {
		runner().withPropertyValues("fleche.lock.backend=zookeeper").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("fleche.lock.backend");
		});
	}

}
