package dev.fleche.autoconfigure.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.fleche.autoconfigure.lock.FlecheLockAutoConfiguration;
import dev.fleche.autoconfigure.storage.FlecheStorageAutoConfiguration;
import dev.fleche.core.cache.CachedCalls;
import dev.fleche.core.call.Call;
import dev.fleche.core.call.CallTemplate;

class CachedCallAspectTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(FlecheStorageAutoConfiguration.class,
					FlecheLockAutoConfiguration.class, FlecheCacheAutoConfiguration.class))
			.withPropertyValues("fleche.storage.path=" + this.directory)
			.withBean(Reports.class);
	}

	@Test
	void missThenHitWithGenericListOfRecords() {
		runner().run(context -> {
			Reports reports = context.getBean(Reports.class);
			List<Reports.Line> first = reports.monthly(2026, 11);
			List<Reports.Line> second = reports.monthly(2026, 11);
			assertThat(second).isEqualTo(first);
			assertThat(second.get(0)).isInstanceOf(Reports.Line.class);
			assertThat(reports.runs()).isEqualTo(1);
			reports.monthly(2026, 10);
			assertThat(reports.runs()).isEqualTo(2);
		});
	}

	@Test
	void resultsSurviveARestartOfTheContext() {
		runner().run(context -> context.getBean(Reports.class).monthly(2025, 1));
		runner().run(context -> {
			Reports reports = context.getBean(Reports.class);
			assertThat(reports.monthly(2025, 1)).hasSize(2);
			assertThat(reports.runs()).isZero();
		});
	}

	@Test
	void ignoredArgumentsAreNotInTheKey() {
		runner().run(context -> {
			Reports reports = context.getBean(Reports.class);
			assertThat(reports.yearly(2026, "alice")).isEqualTo("year 2026 for alice");
			assertThat(reports.yearly(2026, "bob")).isEqualTo("year 2026 for alice");
			assertThat(reports.sum(1, 2, "trace-1")).isEqualTo(3);
			assertThat(reports.sum(1, 2, "trace-2")).isEqualTo(3);
			assertThat(reports.runs()).isEqualTo(2);
			Call call = context.getBean(CachedCalls.class).ofFunction("reports.yearly").get(0);
			assertThat(call.arguments()).containsOnlyKeys("year");
			assertThat(call.version()).isEqualTo("2");
		});
	}

	@Test
	void aNewVersionMisses() {
		runner().withBean(VersionTwoReports.class).run(context -> {
			context.getBean(Reports.class).yearly(2026, "alice");
			VersionTwoReports v3 = context.getBean(VersionTwoReports.class);
			assertThat(v3.yearly(2026, "alice")).isEqualTo("v3 year 2026");
			assertThat(v3.runs()).isEqualTo(1);
		});
	}

	@Test
	void exceptionsAreNotCached() {
		runner().run(context -> {
			Reports reports = context.getBean(Reports.class);
			assertThatThrownBy(() -> reports.failing("x")).isInstanceOf(IllegalStateException.class)
				.hasMessage("failed for x");
			assertThatThrownBy(() -> reports.failing("x")).isInstanceOf(IllegalStateException.class);
			assertThat(reports.runs()).isEqualTo(2);
		});
	}

	@Test
	void futuresAreCachedOnceCompleted() {
		runner().run(context -> {
			Reports reports = context.getBean(Reports.class);
			assertThat(reports.later(7).get(10, TimeUnit.SECONDS)).containsExactly(new Reports.Line("later", 7));
			assertThat(reports.later(7).get(10, TimeUnit.SECONDS)).containsExactly(new Reports.Line("later", 7));
			assertThat(reports.runs()).isEqualTo(1);
		});
	}

	@Test
	void tenConcurrentMissesRunOnce() {
		runner().run(context -> {
			Reports reports = context.getBean(Reports.class);
			ExecutorService pool = Executors.newFixedThreadPool(10);
			CountDownLatch start = new CountDownLatch(1);
			try {
				List<Future<String>> results = new ArrayList<>();
				for (int i = 0; i < 10; i++) {
					results.add(pool.submit(() -> {
						start.await();
						return reports.slow("k");
					}));
				}
				start.countDown();
				for (Future<String> result : results) {
					assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo("slow k");
				}
			}
			finally {
				pool.shutdownNow();
			}
			assertThat(reports.runs()).isEqualTo(1);
		});
	}

	@Test
	void cachedCallsAreQueryableData() {
		runner().run(context -> {
			Reports reports = context.getBean(Reports.class);
			reports.monthly(2026, 1);
			reports.monthly(2026, 2);
			CachedCalls calls = context.getBean(CachedCalls.class);
			List<Call> january = calls.query(CallTemplate.any().withArgument("month", 1));
			assertThat(january).hasSize(1);
			String prefix = calls.shrink(List.of(january.get(0).key())).values().iterator().next();
			assertThat(calls.load(prefix).name()).endsWith("Reports#monthly(int,int)");
			assertThat(calls.loadResult(prefix, Object.class)).isNotNull();
			calls.evict(prefix);
			reports.monthly(2026, 1);
			assertThat(reports.runs()).isEqualTo(3);
		});
	}

	@Test
	void disabledCacheJustRunsTheMethod() {
		runner().withPropertyValues("fleche.cache.enabled=false").run(context -> {
			Reports reports = context.getBean(Reports.class);
			reports.monthly(2026, 1);
			reports.monthly(2026, 1);
			assertThat(reports.runs()).isEqualTo(2);
			assertThat(context).doesNotHaveBean(CachedCalls.class);
		});
	}

	@Test
	void typeLevelAnnotationCachesMethodsWithAResultOnly() {
		runner().withBean(TypeLevelReports.class).run(context -> {
			assertThat(context).hasNotFailed();
			TypeLevelReports bean = context.getBean(TypeLevelReports.class);
			assertThat(bean.square(4)).isEqualTo(16);
			assertThat(bean.square(4)).isEqualTo(16);
			bean.touch();
			bean.touch();
			String first = bean.toString();
			assertThat(bean.toString()).isNotEqualTo(first);
			assertThat(bean.runs()).isEqualTo(5);
		});
	}

	@Test
	void unknownIgnoredParameterFailsStart() {
		runner().withBean(BadIgnore.class).run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("BadIgnore#method(String)")
				.hasStackTraceContaining("'nope'");
		});
	}

	static class BadIgnore {

		@dev.fleche.annotation.CachedCall(ignore = "nope")
		public String method(String value) {
			return value;
		}

	}

}
