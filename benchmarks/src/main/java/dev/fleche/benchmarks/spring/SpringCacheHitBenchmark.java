package dev.fleche.benchmarks.spring;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.fleche.annotation.CachedCall;
import dev.fleche.autoconfigure.cache.FlecheCacheAutoConfiguration;
import dev.fleche.autoconfigure.lock.FlecheLockAutoConfiguration;
import dev.fleche.autoconfigure.springcache.FlecheSpringCacheAutoConfiguration;
import dev.fleche.autoconfigure.storage.FlecheStorageAutoConfiguration;

/**
 * A cache hit through the Spring proxy, on the in-memory store, in one run: {@code @Cacheable}
 * through Fleche's {@code CacheManager}, {@code @CachedCall}, and the peer, {@code @Cacheable} with
 * Caffeine. All three return the same small list of records for the same two arguments.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SpringCacheHitBenchmark {

	private AnnotationConfigApplicationContext fleche;

	private AnnotationConfigApplicationContext caffeine;

	private Reports flecheCacheable;

	private Reports cachedCall;

	private Reports caffeineCacheable;

	@Setup
	public void start() {
		this.fleche = BenchContexts.start(FlecheConfig.class,
				Map.of("fleche.storage.type", "memory", "fleche.lock.backend", "local"));
		this.caffeine = BenchContexts.start(CaffeineConfig.class, Map.of());
		this.flecheCacheable = this.fleche.getBean("cacheable", Reports.class);
		this.cachedCall = this.fleche.getBean("cachedCall", Reports.class);
		this.caffeineCacheable = this.caffeine.getBean(Reports.class);
		for (Reports reports : List.of(this.flecheCacheable, this.cachedCall, this.caffeineCacheable)) {
			if (!reports.report(2026, "north").equals(reports.report(2026, "north")) || reports.runs() != 1) {
				throw new IllegalStateException("not a hit: " + reports.runs() + " runs");
			}
		}
	}

	@TearDown
	public void stop() {
		this.fleche.close();
		this.caffeine.close();
	}

	@Benchmark
	public Object flecheCacheManagerHit() {
		return this.flecheCacheable.report(2026, "north");
	}

	@Benchmark
	public Object cachedCallHit() {
		return this.cachedCall.report(2026, "north");
	}

	@Benchmark
	public Object caffeineCacheableHit() {
		return this.caffeineCacheable.report(2026, "north");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	@ImportAutoConfiguration({ FlecheStorageAutoConfiguration.class, FlecheLockAutoConfiguration.class,
			FlecheCacheAutoConfiguration.class, FlecheSpringCacheAutoConfiguration.class })
	static class FlecheConfig {

		@Bean
		Reports cacheable() {
			return new CacheableReports();
		}

		@Bean
		Reports cachedCall() {
			return new CachedCallReports();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class CaffeineConfig {

		@Bean
		CacheManager cacheManager() {
			CaffeineCacheManager manager = new CaffeineCacheManager();
			manager.setCaffeine(Caffeine.newBuilder().maximumSize(10_000));
			return manager;
		}

		@Bean
		Reports reports() {
			return new CacheableReports();
		}

	}

	/** A line of a report. */
	public record Line(String region, int month, long sales) {
	}

	/** A report method, counting its real runs. */
	public abstract static class Reports {

		private int runs;

		List<Line> compute(int year, String region) {
			this.runs++;
			return List.of(new Line(region, 1, year * 3L), new Line(region, 2, year * 5L));
		}

		public int runs() {
			return this.runs;
		}

		public abstract List<Line> report(int year, String region);

	}

	/** Spring's {@code @Cacheable}. */
	public static class CacheableReports extends Reports {

		@Override
		@Cacheable("reports")
		public List<Line> report(int year, String region) {
			return compute(year, region);
		}

	}

	/** Fleche's {@code @CachedCall}. */
	public static class CachedCallReports extends Reports {

		@Override
		@CachedCall(name = "reports")
		public List<Line> report(int year, String region) {
			return compute(year, region);
		}

	}

}
