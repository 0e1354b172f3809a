package dev.fleche.autoconfigure.shedlock;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import dev.fleche.autoconfigure.lock.FlecheLockAutoConfiguration;

/**
 * A separate JVM for {@link ShedLockTwoProcessesTest}: a {@code @SchedulerLock} job on a
 * {@code @Scheduled} tick every second, on the disk lock backend shared with the other JVM, until
 * the given end time.
 */
public final class ShedLockWorker {

	private ShedLockWorker() {
	}

	public static void main(String[] args) throws Exception {
		Path shared = Path.of(args[0]);
		long endMillis = Long.parseLong(args[1]);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WorkerConfiguration.class)
			.web(WebApplicationType.NONE)
			.run("--fleche.lock.directory=" + shared.resolve("locks"), "--spring.main.banner-mode=off",
					"--logging.level.root=warn")) {
			System.out.println("STARTED " + System.currentTimeMillis());
			while (System.currentTimeMillis() < endMillis) {
				Thread.sleep(50);
			}
			System.out.println("STOPPED " + System.currentTimeMillis());
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	@EnableSchedulerLock(defaultLockAtMostFor = "10s")
	@ImportAutoConfiguration({ FlecheLockAutoConfiguration.class, FlecheShedLockAutoConfiguration.class })
	static class WorkerConfiguration {

		@Bean
		Job job() {
			return new Job();
		}

	}

	/** Appends the tick's second and this process to the shared runs file. */
	public static class Job {

		@Scheduled(cron = "* * * * * *")
		@SchedulerLock(name = "tick", lockAtLeastFor = "500ms")
		public void tick() throws Exception {
			Files.writeString(Path.of(System.getProperty("worker.runs")),
					Instant.now().getEpochSecond() + " " + ProcessHandle.current().pid() + "\n", StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}

	}

}
