package dev.fleche.autoconfigure.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.fleche.annotation.CachedCall;
import dev.fleche.autoconfigure.lock.FlecheLockAutoConfiguration;
import dev.fleche.autoconfigure.storage.FlecheStorageAutoConfiguration;

/**
 * A separate JVM for {@link CachedCallTwoProcessesTest}: starts an application on a shared store
 * directory and calls one cached method once, printing its result.
 */
public final class CachedCallWorker {

	private CachedCallWorker() {
	}

	public static void main(String[] args) throws Exception {
		Path shared = Path.of(args[0]);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WorkerConfiguration.class)
			.web(WebApplicationType.NONE)
			.run("--fleche.storage.path=" + shared.resolve("store"), "--spring.main.banner-mode=off",
					"--logging.level.root=warn")) {
			System.out.println("RESULT " + context.getBean(Expensive.class).compute(42));
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ FlecheStorageAutoConfiguration.class, FlecheLockAutoConfiguration.class,
			FlecheCacheAutoConfiguration.class })
	static class WorkerConfiguration {

		@Bean
		Expensive expensive() {
			return new Expensive();
		}

	}

	/** Records each real run in a file next to the store, then takes its time. */
	public static class Expensive {

		@CachedCall(name = "worker.compute")
		public String compute(int input) throws IOException, InterruptedException {
			String store = System.getProperty("worker.runs");
			Files.writeString(Path.of(store), ProcessHandle.current().pid() + "\n", StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
			Thread.sleep(1500);
			return "answer-" + (input * 2);
		}

	}

}
