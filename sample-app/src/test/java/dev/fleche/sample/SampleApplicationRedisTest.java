package dev.fleche.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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

import dev.fleche.core.lock.LockService;
import dev.fleche.core.testsupport.RedisServerProcess;
import dev.fleche.core.testsupport.TestRedis;
import dev.fleche.sample.report.ReportExecutions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two copies of the sample on two ports with the {@code redis} profile, on a Redis server the test
 * starts: they share the report cache and the stock locks.
 */
class SampleApplicationRedisTest {

	@TempDir
	Path data;

	private final RedisServerProcess server = TestRedis.shared();

	private final String prefix = "sample-" + UUID.randomUUID().toString().substring(0, 8) + ":";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	@AfterEach
	void stop() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
	}

	private ConfigurableApplicationContext start() {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class).run(
				"--spring.profiles.active=redis", "--server.port=0", "--spring.data.redis.port=" + this.server.port(),
				"--spring.data.redis.host=" + this.server.host(), "--fleche.storage.redis.prefix=" + this.prefix,
				"--fleche.lock.redis.prefix=" + this.prefix, "--sample.data-dir=" + this.data.resolve("sample"),
				"--sample.report-delay=50ms", "--sample.quote-delay=20ms", "--spring.main.banner-mode=off");
		this.contexts.add(context);
		return context;
	}

	private HttpResponse<String> send(ConfigurableApplicationContext context, String method, String path)
			throws Exception {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(30))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void twoCopiesShareTheReportCacheAndTheStockLocks() throws Exception {
		ConfigurableApplicationContext first = start();
		ConfigurableApplicationContext second = start();
		assertThat(first.getBean(LockService.class).backendName()).isEqualTo("redis");
		HttpResponse<String> report = send(first, "GET", "/reports/2031");
		assertThat(report.statusCode()).isEqualTo(200);
		assertThat(send(second, "GET", "/reports/2031").body()).isEqualTo(report.body());
		assertThat(first.getBean(ReportExecutions.class).count()).isEqualTo(1);
		assertThat(second.getBean(ReportExecutions.class).count()).isZero();
		// the report is on the server, not in a store of the working directory: "*<n>" is the
		// number of keys under the prefix
		assertThat(this.server.command("KEYS", this.prefix + "*")).startsWith("*").isNotEqualTo("*0");

		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			List<Future<Integer>> updates = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				ConfigurableApplicationContext target = (t % 2 == 0) ? first : second;
				updates.add(threads.submit(() -> {
					int ok = 0;
					for (int i = 0; i < 10; i++) {
						if (send(target, "POST", "/stock/pear/add?amount=1").statusCode() == 200) {
							ok++;
						}
					}
					return ok;
				}));
			}
			for (Future<Integer> update : updates) {
				assertThat(update.get(60, TimeUnit.SECONDS)).isEqualTo(10);
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(send(second, "GET", "/stock/pear").body()).isEqualTo("{\"item\":\"pear\",\"count\":80}");
		assertThat(send(first, "GET", "/actuator/locks/stock:pear").body()).contains("\"backend\":\"redis\"");
	}

}
