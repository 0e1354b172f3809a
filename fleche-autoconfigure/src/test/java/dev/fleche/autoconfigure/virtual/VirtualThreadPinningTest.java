package dev.fleche.autoconfigure.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.fleche.autoconfigure.cache.FlecheCacheAutoConfiguration;
import dev.fleche.autoconfigure.lock.FlecheLockAutoConfiguration;
import dev.fleche.autoconfigure.storage.FlecheStorageAutoConfiguration;

/**
 * On JDK 21 or newer ({@code mvn -Pvirtual-threads}; not part of the default JDK 17 run): many
 * virtual threads wait for a {@code @Locked} method's lock and for a shared {@code @CachedCall}
 * miss, with {@code spring.threads.virtual.enabled=true}; the results are exact and JFR records no
 * {@code jdk.VirtualThreadPinned} event with a Fleche frame.
 */
@Tag("virtual-threads")
class VirtualThreadPinningTest {

	@TempDir
	Path directory;

	@ParameterizedTest
	@ValueSource(strings = { "local", "disk" })
	void waitingVirtualThreadsDoNotPinTheirCarriers(String backend) throws Exception {
		assertThat(Runtime.version().feature()).as("virtual threads need JDK 21 or newer").isGreaterThanOrEqualTo(21);
		Path jfr = this.directory.resolve("pinned.jfr");
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(FlecheStorageAutoConfiguration.class, FlecheLockAutoConfiguration.class,
					FlecheCacheAutoConfiguration.class))
			.withPropertyValues("spring.threads.virtual.enabled=true", "fleche.lock.backend=" + backend,
					"fleche.storage.path=" + this.directory.resolve("store"))
			.withBean(VirtualThreadServices.class)
			.run(context -> {
				VirtualThreadServices services = context.getBean(VirtualThreadServices.class);
				// first use loads and initializes classes, which pins while another thread does it
				runOnVirtualThreads(5, () -> {
					services.increment();
					return null;
				});
				runOnVirtualThreads(5, () -> services.slow(1));
				try (Recording recording = new Recording()) {
					recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
					recording.start();
					runOnVirtualThreads(50, () -> {
						services.increment();
						return null;
					});
					List<Object> values = runOnVirtualThreads(20, () -> services.slow(7));
					recording.stop();
					recording.dump(jfr);
					assertThat(services.counter()).isEqualTo(55);
					assertThat(values).containsOnly("value-7");
					assertThat(services.misses()).isEqualTo(2);
				}
			});
		List<String> pinnedInFleche = new ArrayList<>();
		int pinned = 0;
		for (RecordedEvent event : RecordingFile.readAllEvents(jfr)) {
			pinned++;
			if (event.getStackTrace() != null && event.getStackTrace()
				.getFrames()
				.stream()
				.map(RecordedFrame::getMethod)
				.anyMatch(method -> method.getType().getName().startsWith("dev.fleche"))) {
				pinnedInFleche.add(event.toString());
				System.out.println(event);
			}
		}
		System.out.println("jdk.VirtualThreadPinned events on " + backend + ": " + pinned + ", with a Fleche frame: "
				+ pinnedInFleche.size());
		assertThat(pinnedInFleche).isEmpty();
	}

	private static List<Object> runOnVirtualThreads(int count, Callable<Object> task) throws Exception {
		ExecutorService executor = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
			.invoke(null);
		try {
			List<Future<Object>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				futures.add(executor.submit(task));
			}
			List<Object> results = new ArrayList<>();
			for (Future<Object> future : futures) {
				results.add(future.get(120, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			executor.shutdown();
		}
	}

}
