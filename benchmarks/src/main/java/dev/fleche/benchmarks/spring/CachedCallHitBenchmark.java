package dev.fleche.benchmarks.spring;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
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

import dev.fleche.annotation.CachedCall;
import dev.fleche.autoconfigure.cache.FlecheCacheAutoConfiguration;
import dev.fleche.autoconfigure.lock.FlecheLockAutoConfiguration;
import dev.fleche.autoconfigure.storage.FlecheStorageAutoConfiguration;

/**
 * A {@code @CachedCall} hit on the default SQLite store (digest the arguments, read the call
 * record, read and deserialize the result), next to the peer a hand-written cache would be: one
 * indexed {@code SELECT} of a small value from a WAL SQLite table through sqlite-jdbc, which is
 * what a diskcache {@code get} does (Python diskcache itself is measured by
 * {@code benchmarks/peers/diskcache_get.py}, run right after).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CachedCallHitBenchmark {

	private AnnotationConfigApplicationContext context;

	private Reports reports;

	private Connection connection;

	private PreparedStatement select;

	@Setup
	public void start() throws Exception {
		Path directory = Files.createTempDirectory("fleche-cache-bench");
		this.context = BenchContexts.start(Config.class,
				Map.of("fleche.storage.path", directory.toString(), "fleche.lock.backend", "local"));
		this.reports = this.context.getBean(Reports.class);
		this.reports.report(2026, "north");
		this.connection = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("peer.db"));
		try (Statement statement = this.connection.createStatement()) {
			statement.execute("PRAGMA journal_mode=WAL");
			statement.execute("CREATE TABLE kv (key TEXT PRIMARY KEY, value BLOB) WITHOUT ROWID");
			statement.execute("INSERT INTO kv VALUES ('report:2026:north', x'" + "ab".repeat(120) + "')");
		}
		this.select = this.connection.prepareStatement("SELECT value FROM kv WHERE key = ?");
	}

	@TearDown
	public void stop() throws Exception {
		this.select.close();
		this.connection.close();
		this.context.close();
	}

	@Benchmark
	public Object cachedCallHit() {
		return this.reports.report(2026, "north");
	}

	@Benchmark
	public Object rawSqliteGet() throws Exception {
		this.select.setString(1, "report:2026:north");
		try (ResultSet rows = this.select.executeQuery()) {
			return rows.next() ? rows.getBytes(1) : null;
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ FlecheStorageAutoConfiguration.class, FlecheLockAutoConfiguration.class,
			FlecheCacheAutoConfiguration.class })
	static class Config {

		@Bean
		Reports reports() {
			return new Reports();
		}

	}

	/** A cached method with a small record result. */
	public static class Reports {

		/** A line of a report. */
		public record Line(String region, int month, long sales) {
		}

		@CachedCall
		public List<Line> report(int year, String region) {
			return List.of(new Line(region, 1, year * 3L), new Line(region, 2, year * 5L));
		}

	}

}
