package dev.fleche.benchmarks.spring;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.fleche.annotation.Locked;
import dev.fleche.autoconfigure.lock.FlecheLockAutoConfiguration;

/**
 * What {@code @Locked} adds to a call, uncontended: the same bean's plain method next to locked
 * ones (one lock per method, and a lock per SpEL key), on the local and on the disk backend.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LockedOverheadBenchmark {

	@org.openjdk.jmh.annotations.Param({ "local", "disk" })
	public String backend;

	private AnnotationConfigApplicationContext context;

	private Target target;

	private int counter;

	@Setup
	public void start() throws Exception {
		String directory = java.nio.file.Files.createTempDirectory("fleche-locked-bench").toString();
		this.context = BenchContexts.start(Config.class,
				Map.of("fleche.lock.backend", this.backend, "fleche.lock.directory", directory));
		this.target = this.context.getBean(Target.class);
	}

	@TearDown
	public void stop() {
		this.context.close();
	}

	@Benchmark
	public int plain() {
		return this.target.plain(++this.counter);
	}

	@Benchmark
	public int locked() {
		return this.target.locked(++this.counter);
	}

	@Benchmark
	public int lockedByKey() {
		return this.target.lockedByKey("account-7", ++this.counter);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(FlecheLockAutoConfiguration.class)
	static class Config {

		@Bean
		Target target() {
			return new Target();
		}

	}

	/** The bean measured. */
	public static class Target {

		public int plain(int value) {
			return value * 31;
		}

		@Locked(name = "bench")
		public int locked(int value) {
			return value * 31;
		}

		@Locked(name = "bench", key = "#account")
		public int lockedByKey(String account, int value) {
			return value * 31;
		}

	}

}
