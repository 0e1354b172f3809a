package dev.fleche.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.fleche.sample.report.ReportExecutions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample application started on a garbage {@code fleche.db} serves reports (computed, then
 * cached in a fresh store), and the damaged file is found beside the new one.
 */
class CorruptStoreEndToEndTest {

	@TempDir
	Path store;

	private ConfigurableApplicationContext context;

	@AfterEach
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void aGarbageStoreIsMovedAsideAndReportsAreServed() throws Exception {
		Path directory = this.store.resolve("fleche");
		Files.createDirectories(directory);
		byte[] garbage = new byte[32768];
		new Random(2024).nextBytes(garbage);
		Files.write(directory.resolve("fleche.db"), garbage);
		this.context = new SpringApplicationBuilder(SampleApplication.class).run("--server.port=0",
				"--fleche.storage.path=" + directory, "--fleche.lock.directory=" + this.store.resolve("locks"),
				"--sample.data-dir=" + this.store.resolve("sample"), "--sample.report-delay=10ms",
				"--spring.main.banner-mode=off");
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/reports/2024"))
			.timeout(Duration.ofSeconds(30))
			.build();
		HttpResponse<String> first = http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(first.body()).contains("\"year\":2024");
		assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).body()).isEqualTo(first.body());
		assertThat(this.context.getBean(ReportExecutions.class).count()).isEqualTo(1);
		List<Path> aside;
		try (Stream<Path> files = Files.list(directory)) {
			aside = files.filter(path -> path.getFileName().toString().startsWith("fleche.db.corrupt-")).toList();
		}
		assertThat(aside).hasSize(1);
		assertThat(Files.readAllBytes(aside.get(0))).isEqualTo(garbage);
		assertThat(Files.exists(directory.resolve("fleche.db"))).isTrue();
	}

}
