package dev.fleche.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.fleche.core.lock.LockService;
import dev.fleche.core.storage.postgres.PostgresStore;
import dev.fleche.core.testsupport.PostgresServer;
import dev.fleche.sample.report.ReportExecutions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample application with the {@code postgres} profile, on the test server: by configuration
 * alone the cache and the locks live in PostgreSQL, so a report computed by one application is
 * served to another from the database.
 */
class SamplePostgresProfileTest {

	@TempDir
	Path work;

	private final String year = Integer.toString(2000 + (int) (UUID.randomUUID().getLeastSignificantBits() & 63));

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private ConfigurableApplicationContext first;

	private ConfigurableApplicationContext second;

	@AfterEach
	void stop() {
		for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] { this.first, this.second }) {
			if (context != null) {
				context.close();
			}
		}
	}

	private ConfigurableApplicationContext start(String name) {
		return new SpringApplicationBuilder(SampleApplication.class).profiles("postgres")
			.run("--server.port=0", "--spring.datasource.url=" + PostgresServer.shared().jdbcUrl(),
					"--spring.datasource.username=" + PostgresServer.USER,
					"--sample.data-dir=" + this.work.resolve(name), "--sample.report-delay=50ms",
					"--sample.quote-delay=20ms", "--spring.main.banner-mode=off");
	}

	private HttpResponse<String> get(ConfigurableApplicationContext context, String path) throws Exception {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(30))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void twoApplicationsShareTheCacheAndTheLocksThroughPostgres() throws Exception {
		this.first = start("one");
		this.second = start("two");
		LockService locks = this.first.getBean(LockService.class);
		try (var handle = locks.lock("probe-" + this.year).acquire()) {
			assertThat(locks.state("probe-" + this.year)).hasValueSatisfying(
					(state) -> assertThat(state.backend()).isEqualTo("postgres"));
		}
		assertThat(this.first.getBeansOfType(PostgresStore.class)).hasSize(1);
		HttpResponse<String> computed = get(this.first, "/reports/" + this.year);
		assertThat(computed.statusCode()).isEqualTo(200);
		HttpResponse<String> shared = get(this.second, "/reports/" + this.year);
		assertThat(shared.body()).isEqualTo(computed.body());
		assertThat(this.first.getBean(ReportExecutions.class).count()).isEqualTo(1);
		assertThat(this.second.getBean(ReportExecutions.class).count()).isZero();
	}

}
