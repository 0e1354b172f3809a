package dev.fleche.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.fleche.sample.report.ReportExecutions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the sample application over HTTP on a store in a temporary directory, starting it twice
 * to see the cache survive a restart.
 */
class SampleApplicationEndToEndTest {

	@TempDir
	Path store;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private ConfigurableApplicationContext context;

	@AfterEach
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
	}

	private ConfigurableApplicationContext start() {
		this.context = new SpringApplicationBuilder(SampleApplication.class).run("--server.port=0",
				"--fleche.storage.path=" + this.store.resolve("fleche"),
				"--fleche.lock.directory=" + this.store.resolve("locks"),
				"--sample.data-dir=" + this.store.resolve("sample"), "--sample.report-delay=50ms",
				"--sample.quote-delay=20ms", "--spring.main.banner-mode=off");
		return this.context;
	}

	private HttpResponse<String> send(String method, String path) throws Exception {
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(30))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void aCachedReportSurvivesARestart() throws Exception {
		start();
		HttpResponse<String> first = send("GET", "/reports/2024");
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(first.body()).contains("\"year\":2024").contains("\"months\"");
		assertThat(send("GET", "/reports/2024").body()).isEqualTo(first.body());
		assertThat(this.context.getBean(ReportExecutions.class).count()).isEqualTo(1);
		this.context.close();

		start();
		HttpResponse<String> afterRestart = send("GET", "/reports/2024");
		assertThat(afterRestart.statusCode()).isEqualTo(200);
		assertThat(afterRestart.body()).isEqualTo(first.body());
		assertThat(this.context.getBean(ReportExecutions.class).count()).isZero();
		assertThat(send("GET", "/actuator/metrics/fleche.cache.calls?tag=result:hit").body()).contains("\"COUNT\"");
		assertThat(send("GET", "/reports/1800").statusCode()).isEqualTo(400);
	}

	@Test
	void concurrentFirstRequestsComputeTheReportOnce() throws Exception {
		start();
		ExecutorService pool = Executors.newFixedThreadPool(6);
		CountDownLatch gate = new CountDownLatch(1);
		try {
			List<Future<String>> bodies = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				bodies.add(pool.submit(() -> {
					gate.await();
					return send("GET", "/reports/2030").body();
				}));
			}
			gate.countDown();
			String expected = bodies.get(0).get(60, TimeUnit.SECONDS);
			for (Future<String> body : bodies) {
				assertThat(body.get(60, TimeUnit.SECONDS)).isEqualTo(expected);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.context.getBean(ReportExecutions.class).count()).isEqualTo(1);
	}

	@Test
	void concurrentStockUpdatesLoseNothingAndShowInTheLocksEndpoint() throws Exception {
		start();
		int threads = 8;
		int perThread = 25;
		CountDownLatch gate = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<Integer>> results = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				results.add(pool.submit(() -> {
					gate.await();
					int failures = 0;
					for (int i = 0; i < perThread; i++) {
						if (send("POST", "/stock/apple/add?amount=1").statusCode() != 200) {
							failures++;
						}
					}
					return failures;
				}));
			}
			gate.countDown();
			for (Future<Integer> result : results) {
				assertThat(result.get(60, TimeUnit.SECONDS)).isZero();
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(send("GET", "/stock/apple").body()).isEqualTo("{\"item\":\"apple\",\"count\":200}");
		assertThat(send("GET", "/stock/Not_An_Item").statusCode()).isEqualTo(400);

		HttpResponse<String> locks = send("GET", "/actuator/locks");
		assertThat(locks.statusCode()).isEqualTo(200);
		assertThat(locks.body()).contains("\"key\":\"stock:apple\"").contains("\"acquisitions\":").contains("\"write\"");
		HttpResponse<String> one = send("GET", "/actuator/locks/stock:apple");
		assertThat(one.statusCode()).isEqualTo(200);
		assertThat(one.body()).contains("\"key\":\"stock:apple\"").contains("\"lastToken\"");
		assertThat(send("GET", "/actuator/locks/no-such-lock").statusCode()).isEqualTo(404);
		assertThat(send("GET", "/actuator/metrics/fleche.lock.wait").statusCode()).isEqualTo(200);
		assertThat(send("GET", "/actuator/metrics/fleche.lock.held").statusCode()).isEqualTo(200);
	}

	@Test
	void quotesPassTheSemaphore() throws Exception {
		start();
		HttpResponse<String> quote = send("GET", "/quotes/acme");
		assertThat(quote.statusCode()).isEqualTo(200);
		assertThat(quote.body()).contains("\"symbol\":\"ACME\"");
		assertThat(send("GET", "/actuator/locks/quotes").body()).contains("semaphore:2");
	}

	@Test
	void cachedCallsEndpointShowsAndEvictsCallsWithoutTheirValues() throws Exception {
		start();
		String report = send("GET", "/reports/2031").body();
		String computedAt = report.substring(report.indexOf("\"computedAt\":\"") + 14, report.lastIndexOf('"'));
		send("GET", "/reports/2031");
		String function = "dev.fleche.sample.report.ReportService#yearly(int)";

		HttpResponse<String> functions = send("GET", "/actuator/cachedcalls");
		assertThat(functions.statusCode()).isEqualTo(200);
		assertThat(functions.body()).contains("\"name\":\"" + function + "\"")
			.contains("\"calls\":1")
			.contains("\"hits\":1")
			.contains("\"misses\":1")
			.contains("\"storedBytes\":");
		HttpResponse<String> calls = send("GET", "/actuator/cachedcalls/function/" + function.replace("#", "%23"));
		assertThat(calls.statusCode()).isEqualTo(200);
		assertThat(calls.body()).contains("\"arguments\":[\"year\"]").contains("\"expiresAt\":");
		String shortKey = calls.body().replaceAll(".*\"shortKey\":\"([0-9a-f]+)\".*", "$1");
		HttpResponse<String> call = send("GET", "/actuator/cachedcalls/call/" + shortKey);
		assertThat(call.statusCode()).isEqualTo(200);
		assertThat(call.body()).contains("\"shortKey\":\"" + shortKey + "\"");
		for (String body : List.of(functions.body(), calls.body(), call.body())) {
			assertThat(body).doesNotContain(computedAt).doesNotContain("2031").doesNotContain("months");
		}
		assertThat(send("GET", "/actuator/cachedcalls/call/ffffffff").statusCode()).isEqualTo(404);

		HttpResponse<String> evicted = send("DELETE", "/actuator/cachedcalls/call/" + shortKey);
		assertThat(evicted.statusCode()).isEqualTo(200);
		assertThat(evicted.body()).contains("\"evicted\":1");
		assertThat(send("GET", "/reports/2031").body()).isNotEqualTo(report);
		assertThat(this.context.getBean(ReportExecutions.class).count()).isEqualTo(2);

		HttpResponse<String> health = send("GET", "/actuator/health");
		assertThat(health.body()).contains("\"flecheStore\"").contains("\"flecheLocks\"").contains("\"sizeLimitBytes\"");
	}

}
