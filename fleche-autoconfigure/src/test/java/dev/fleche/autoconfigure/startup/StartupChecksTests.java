package dev.fleche.autoconfigure.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.NestedExceptionUtils;

import dev.fleche.autoconfigure.cache.FlecheCacheAutoConfiguration;
import dev.fleche.autoconfigure.cache.InvalidCachedCallException;
import dev.fleche.autoconfigure.lock.FlecheLockAutoConfiguration;
import dev.fleche.autoconfigure.lock.InvalidLockedMethodException;
import dev.fleche.autoconfigure.storage.FlecheStorageAutoConfiguration;

@ExtendWith(OutputCaptureExtension.class)
class StartupChecksTests {

	@TempDir
	Path directory;

	private static Throwable root(Throwable failure) {
		assertThat(failure).isNotNull();
		return NestedExceptionUtils.getMostSpecificCause(failure);
	}

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(FlecheStorageAutoConfiguration.class,
					FlecheLockAutoConfiguration.class, FlecheCacheAutoConfiguration.class,
					FlecheStartupChecksAutoConfiguration.class))
			.withPropertyValues("fleche.storage.path=" + this.directory, "fleche.lock.backend=local");
	}

	@Test
	void aPrivateCachedCallFailsTheStartNamingTheMethod() {
		runner().withBean(StartupBeans.PrivateCached.class)
			.run(context -> assertThat(root(context.getStartupFailure()))
				.isInstanceOf(UnproxyableMethodException.class)
				.hasMessageContaining("StartupBeans$PrivateCached#hidden()")
				.hasMessageContaining("private"));
	}

	@Test
	void aFinalLockedMethodFailsTheStart() {
		runner().withBean(StartupBeans.FinalLocked.class)
			.run(context -> assertThat(root(context.getStartupFailure()))
				.isInstanceOf(UnproxyableMethodException.class)
				.hasMessageContaining("@Locked method")
				.hasMessageContaining("FinalLocked#work()")
				.hasMessageContaining("final"));
	}

	@Test
	void aCallOnThisIsReported(CapturedOutput output) {
		runner().withBean(StartupBeans.SelfCalling.class).run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(output).contains("SelfCalling#outer calls @CachedCall method")
				.contains("SelfCalling#inner(int)")
				.contains("bypasses Spring's proxy");
		});
	}

	@Test
	void aKeyNamingAMissingParameterFailsTheStart() {
		runner().withBean(StartupBeans.UnknownKeyVariable.class)
			.run(context -> assertThat(root(context.getStartupFailure()))
				.isInstanceOf(InvalidLockedMethodException.class)
				.hasMessageContaining("UnknownKeyVariable#ship(String)")
				.hasMessageContaining("[#orderId]")
				.hasMessageContaining("parameters: [id]"));
	}

	@Test
	void parameterNamesIndexesAndRootAreKnown() {
		runner().withBean(StartupBeans.KnownKeyVariables.class)
			.run(context -> assertThat(context).hasNotFailed());
	}

	@Test
	void unstorableReturnTypesFailTheStart() {
		runner().withBean(StartupBeans.StreamResult.class)
			.run(context -> assertThat(root(context.getStartupFailure()))
				.isInstanceOf(InvalidCachedCallException.class)
				.hasMessageContaining("StreamResult#names()")
				.hasMessageContaining("java.util.stream.Stream can be read only once"));
		runner().withBean(StartupBeans.IteratorResult.class)
			.run(context -> assertThat(root(context.getStartupFailure()))
				.hasMessageContaining("java.util.Iterator can be read only once"));
		runner().withBean(StartupBeans.FutureOfStream.class)
			.run(context -> assertThat(root(context.getStartupFailure()))
				.hasMessageContaining("inside CompletableFuture"));
	}

	@Test
	void aStoragePathThatCannotBeCreatedNamesTheProperty() throws Exception {
		Path file = Files.writeString(this.directory.resolve("a-file"), "in the way");
		runner().withPropertyValues("fleche.storage.path=" + file.resolve("store"))
			.run(context -> assertThat(root(context.getStartupFailure()))
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("fleche.storage.path")
				.hasMessageContaining("cannot be created"));
	}

	@Test
	void aLockDirectoryThatCannotBeCreatedNamesTheProperty() throws Exception {
		Path file = Files.writeString(this.directory.resolve("a-file"), "in the way");
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FlecheLockAutoConfiguration.class))
			.withPropertyValues("fleche.lock.directory=" + file)
			.run(context -> assertThat(root(context.getStartupFailure()))
				.hasMessageContaining("fleche.lock.directory"));
	}

}
