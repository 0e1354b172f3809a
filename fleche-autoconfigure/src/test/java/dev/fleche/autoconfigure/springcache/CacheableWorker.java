package dev.fleche.autoconfigure.springcache;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.fleche.autoconfigure.lock.FlecheLockAutoConfiguration;
import dev.fleche.autoconfigure.storage.FlecheStorageAutoConfiguration;

/**
 * A separate JVM for {@link CacheableTwoProcessesTest}: an application with {@code @EnableCaching}
 * on a shared store calls one {@code @Cacheable(sync = true)} method once, printing its result.
 */
public final class CacheableWorker {

	private CacheableWorker() {
	}

	public static void main(String[] args) throws Exception {
		Path shared = Path.of(args[0]);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WorkerConfiguration.class)
			.web(WebApplicationType.NONE)
			.run("--fleche.storage.path=" + shared.resolve("store"), "--spring.main.banner-mode=off",
					"--logging.level.root=warn")) {
			System.out.println("RESULT " + context.getBean(Quotes.class).quote("fleche").text());
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	@ImportAutoConfiguration({ FlecheStorageAutoConfiguration.class, FlecheLockAutoConfiguration.class,
			FlecheSpringCacheAutoConfiguration.class })
	static class WorkerConfiguration {

		@Bean
		Quotes quotes() {
			return new Quotes();
		}

	}

	/** A quote, read back from the store as a record. */
	public record Quote(String text) {
	}

	/** Records each real run in a file next to the store, then takes its time. */
	public static class Quotes {

		@Cacheable(cacheNames = "quotes", sync = true)
		public Quote quote(String name) throws Exception {
			Files.writeString(Path.of(System.getProperty("worker.runs")), ProcessHandle.current().pid() + "\n",
					StandardOpenOption.CREATE, StandardOpenOption.APPEND);
			Thread.sleep(1500);
			return new Quote("quote-of-" + name);
		}

	}

}
