package dev.fleche.benchmarks.spring;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
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

import dev.fleche.annotation.CachedCall;
import dev.fleche.autoconfigure.cache.FlecheCacheAutoConfiguration;
import dev.fleche.autoconfigure.lock.FlecheLockAutoConfiguration;
import dev.fleche.autoconfigure.storage.FlecheStorageAutoConfiguration;
import dev.fleche.autoconfigure.storage.eviction.FlecheSizeLimitAutoConfiguration;
import dev.fleche.core.cache.eviction.SizeLimiter;

/**
 * {@code @CachedCall} on the default SQLite store with {@code fleche.storage.size-limit=4MB}, under
 * a skewed key distribution (Zipf, exponent 1, over {@value #KEYS} keys, each result about 1 KB,
 * so about a fifth of the keys fit). Each operation is one call: a hit, or a miss that computes
 * and stores. The hit rate of each iteration is printed ({@code hitRate}). The peer,
 * {@code benchmarks/peers/diskcache_size_limit.py}, runs the same key sequence through Python
 * diskcache with the same size limit and LRU eviction.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SizeLimitedCacheBenchmark {

	static final int KEYS = 20_000;

	static final int SEQUENCE = 1 << 20;

	static final String LIMIT = "4MB";

	private AnnotationConfigApplicationContext context;

	private Results results;

	private int[] keys;

	private int next;

	private long calls;

	private long callsAtStart;

	private long runsAtStart;

	@Setup
	public void start() throws Exception {
		Path directory = Files.createTempDirectory("fleche-size-bench");
		this.context = BenchContexts.start(Config.class, Map.of("fleche.storage.path", directory.toString(),
				"fleche.lock.backend", "local", "fleche.storage.size-limit", LIMIT));
		this.results = this.context.getBean(Results.class);
		this.keys = ZipfKeys.sequence(KEYS, SEQUENCE, 42);
	}

	@Setup(Level.Iteration)
	public void mark() {
		this.callsAtStart = this.calls;
		this.runsAtStart = this.results.runs();
	}

	@TearDown(Level.Iteration)
	public void report() throws InterruptedException {
		long calls = this.calls - this.callsAtStart;
		long runs = this.results.runs() - this.runsAtStart;
		SizeLimiter limiter = this.context.getBean(SizeLimiter.class);
		limiter.awaitIdle(java.time.Duration.ofSeconds(30));
		System.out.printf("%nhitRate %.4f (calls %d, misses %d), store %d bytes of %d%n",
				1.0 - (double) runs / Math.max(1, calls), calls, runs, limiter.size(), limiter.limit());
	}

	@TearDown
	public void stop() {
		this.context.close();
	}

	@Benchmark
	public Object skewedCall() {
		int key = this.keys[this.next];
		this.next = (this.next + 1) & (SEQUENCE - 1);
		this.calls++;
		return this.results.result(key);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ FlecheStorageAutoConfiguration.class, FlecheLockAutoConfiguration.class,
			FlecheSizeLimitAutoConfiguration.class, FlecheCacheAutoConfiguration.class })
	static class Config {

		@Bean
		Results results() {
			return new Results();
		}

	}

	/** A cached function with a result of about 1 KB, counting its real runs. */
	public static class Results {

		private final AtomicLong runs = new AtomicLong();

		/** How many times the function really ran. */
		public long runs() {
			return this.runs.get();
		}

		@CachedCall
		public String result(int key) {
			this.runs.incrementAndGet();
			return ("result " + key + " ").repeat(200).substring(0, 1000);
		}

	}

}
