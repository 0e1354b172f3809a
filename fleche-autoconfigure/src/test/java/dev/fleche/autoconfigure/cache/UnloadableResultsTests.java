package dev.fleche.autoconfigure.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.fleche.annotation.CachedCall;
import dev.fleche.autoconfigure.lock.FlecheLockAutoConfiguration;
import dev.fleche.autoconfigure.storage.FlecheStorageAutoConfiguration;
import dev.fleche.core.storage.ValueSaveContract.Label;
import dev.fleche.core.storage.CallStorage;

/**
 * A {@code @CachedCall} whose declared result could not be loaded back is reported at start-up,
 * naming the method and the type; a value of such a type returned at run time through a wider
 * declared type is refused at save and the method keeps answering by running.
 */
class UnloadableResultsTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(FlecheStorageAutoConfiguration.class,
					FlecheLockAutoConfiguration.class, FlecheCacheAutoConfiguration.class))
			.withPropertyValues("fleche.storage.path=" + this.directory);
	}

	public static class ThreadFactoryService {

		@CachedCall
		public Thread worker(String name) {
			return new Thread(name);
		}

	}

	public static class LambdaService {

		@CachedCall
		public Supplier<String> greeter(String name) {
			return () -> "hello " + name;
		}

	}

	public static class LabelService {

		@CachedCall
		public CompletableFuture<Label> label(String text) {
			return CompletableFuture.completedFuture(Label.of(text));
		}

	}

	public static class WideService {

		private final AtomicInteger runs = new AtomicInteger();

		public int runs() {
			return this.runs.get();
		}

		@CachedCall
		public Object anything(String kind) {
			this.runs.incrementAndGet();
			return switch (kind) {
				case "thread" -> new Thread(kind);
				case "label" -> Label.of(kind);
				default -> (Supplier<String>) () -> kind;
			};
		}

	}

	@Test
	void aThreadResultIsReportedAtStartUp() {
		runner().withBean(ThreadFactoryService.class).run(context -> assertThat(context).hasFailed()
			.getFailure()
			.isInstanceOf(InvalidCachedCallException.class)
			.hasMessageContaining("worker")
			.hasMessageContaining("java.lang.Thread"));
	}

	@Test
	void aLambdaTypeResultIsReportedAtStartUp() {
		runner().withBean(LambdaService.class).run(context -> assertThat(context).hasFailed()
			.getFailure()
			.isInstanceOf(InvalidCachedCallException.class)
			.hasMessageContaining("greeter")
			.hasMessageContaining(Supplier.class.getName()));
	}

	@Test
	void aResultWithNoCreatorInAFutureIsReportedAtStartUp() {
		runner().withBean(LabelService.class).run(context -> assertThat(context).hasFailed()
			.getFailure()
			.isInstanceOf(InvalidCachedCallException.class)
			.hasMessageContaining("label")
			.hasMessageContaining(Label.class.getName()));
	}

	@Test
	void unloadableValuesBehindAWiderTypeAreNotStoredAndTheMethodKeepsRunning() {
		runner().withBean(WideService.class).run(context -> {
			assertThat(context).hasNotFailed();
			WideService service = context.getBean(WideService.class);
			for (String kind : new String[] { "thread", "label", "lambda" }) {
				assertThat(service.anything(kind)).isNotNull();
				assertThat(service.anything(kind)).isNotNull();
			}
			assertThat(service.runs()).isEqualTo(6);
			assertThat(context.getBean(CallStorage.class).list()).isEmpty();
		});
	}

}
