package dev.fleche.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.fleche.autoconfigure.lock.FlecheLockAutoConfiguration;
import dev.fleche.autoconfigure.storage.FlecheStorageAutoConfiguration;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.StorageException;
import dev.fleche.core.storage.memory.MemoryStorage;
import dev.fleche.core.storage.sync.LockingStorages;

class FlecheHealthContributorAutoConfigurationTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(FlecheStorageAutoConfiguration.class,
					FlecheLockAutoConfiguration.class, FlecheHealthContributorAutoConfiguration.class))
			.withPropertyValues("fleche.storage.path=" + this.directory);
	}

	@Test
	void storeAndLocksAreUpWithDetails() {
		runner().run(context -> {
			Health store = context.getBean("flecheStoreHealthIndicator", HealthIndicator.class).health(true);
			assertThat(store.getStatus()).isEqualTo(Status.UP);
			assertThat(store.getDetails()).containsEntry("type", "sqlite")
				.containsEntry("location", this.directory.toAbsolutePath().normalize().toString());
			Health locks = context.getBean("flecheLocksHealthIndicator", HealthIndicator.class).health(true);
			assertThat(locks.getStatus()).isEqualTo(Status.UP);
			assertThat(locks.getDetails()).containsEntry("backend", "disk");
		});
	}

	@Test
	void aStoreThatCannotBeReadIsDown() {
		CallStorage broken = LockingStorages.perKey(MemoryStorage.calls());
		runner().withBean(CallStorage.class, () -> new FailingCallStorage(broken)).run(context -> {
			Health store = context.getBean("flecheStoreHealthIndicator", HealthIndicator.class).health(true);
			assertThat(store.getStatus()).isEqualTo(Status.DOWN);
			assertThat(store.getDetails().get("error").toString()).contains("quarantined");
		});
	}

	@Test
	void aLockBackendThatCannotReachItsDirectoryIsDown() {
		runner().run(context -> {
			HealthIndicator locks = context.getBean("flecheLocksHealthIndicator", HealthIndicator.class);
			assertThat(locks.health(true).getStatus()).isEqualTo(Status.UP);
			Path lockDirectory = this.directory.resolve("locks");
			try (Stream<Path> files = Files.walk(lockDirectory)) {
				files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
			Files.writeString(lockDirectory, "not a directory");
			assertThat(locks.health(true).getStatus()).isEqualTo(Status.DOWN);
		});
	}

	@Test
	void absentWithoutHealthSupportOrWhenDisabled() {
		runner().withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(StoreHealthIndicator.class));
		runner().withPropertyValues("management.health.fleche.enabled=false")
			.run(context -> assertThat(context).doesNotHaveBean(StoreHealthIndicator.class)
				.doesNotHaveBean(LockBackendHealthIndicator.class));
	}

	/** A call storage whose reads fail, as a store quarantined after corruption does. */
	static final class FailingCallStorage extends dev.fleche.core.storage.support.AbstractCallStorage {

		private final CallStorage delegate;

		FailingCallStorage(CallStorage delegate) {
			this.delegate = delegate;
		}

		private static StorageException quarantined() {
			return new StorageException("store quarantined after corruption");
		}

		@Override
		public dev.fleche.core.digest.Digest save(dev.fleche.core.call.Call call) {
			return this.delegate.save(call);
		}

		@Override
		public dev.fleche.core.call.Call load(String digestOrPrefix) {
			throw quarantined();
		}

		@Override
		public java.util.List<dev.fleche.core.call.Call> query(dev.fleche.core.call.CallTemplate template) {
			throw quarantined();
		}

		@Override
		public java.util.List<dev.fleche.core.digest.Digest> list() {
			throw quarantined();
		}

		@Override
		public dev.fleche.core.digest.Digest expand(String digestOrPrefix) {
			throw quarantined();
		}

		@Override
		public java.util.Map<dev.fleche.core.digest.Digest, String> shrink(
				java.util.Collection<dev.fleche.core.digest.Digest> keys) {
			throw quarantined();
		}

		@Override
		public boolean contains(String digestOrPrefix) {
			throw quarantined();
		}

		@Override
		public void evict(String digestOrPrefix) {
			throw quarantined();
		}

	}

}
