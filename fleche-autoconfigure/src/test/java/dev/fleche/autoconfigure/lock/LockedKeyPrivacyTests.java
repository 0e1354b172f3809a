package dev.fleche.autoconfigure.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.fleche.annotation.Locked;
import dev.fleche.autoconfigure.actuate.FlecheLocksEndpointAutoConfiguration;
import dev.fleche.autoconfigure.actuate.LocksEndpoint;
import dev.fleche.core.lock.LockTimeoutException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code @Locked(key = "#p0")} on a record holding a password: the password shows nowhere, neither
 * in the locks endpoint, nor in a timeout message, nor in the lock directory.
 */
class LockedKeyPrivacyTests {

	private static final String PASSWORD = "hunter2-Pa55word";

	@TempDir
	Path directory;

	public record Credentials(String user, String password) {
	}

	public enum Color {

		RED

	}

	static class Logins {

		@Locked(name = "login", key = "#p0", waitTimeout = "200ms")
		public String login(Credentials credentials, CountDownLatch entered, CountDownLatch release)
				throws InterruptedException {
			entered.countDown();
			release.await(10, TimeUnit.SECONDS);
			return credentials.user();
		}

		@Locked(name = "scalar", key = "#p0")
		public String scalar(Object value) {
			return "ran";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Services {

		@Bean
		Logins logins() {
			return new Logins();
		}

	}

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(FlecheLockAutoConfiguration.class,
					FlecheLocksEndpointAutoConfiguration.class))
			.withPropertyValues("fleche.lock.directory=" + this.directory.resolve("locks"),
					"management.endpoints.web.exposure.include=locks")
			.withUserConfiguration(Services.class);
	}

	@Test
	void passwordInARecordKeyShowsNowhere() {
		runner().run(context -> {
			Logins logins = context.getBean(Logins.class);
			Credentials credentials = new Credentials("ann", PASSWORD);
			CountDownLatch entered = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			CompletableFuture<String> holder = CompletableFuture
				.supplyAsync(() -> call(() -> logins.login(credentials, entered, release)));
			assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
			Throwable timeout = null;
			try {
				logins.login(new Credentials("ann", PASSWORD), new CountDownLatch(1), new CountDownLatch(0));
			}
			catch (LockTimeoutException ex) {
				timeout = ex;
			}
			assertThat(timeout).isInstanceOf(LockTimeoutException.class);
			assertThat(timeout.getMessage()).contains("login:#").doesNotContain(PASSWORD).doesNotContain("ann");
			String endpoint = JsonMapper.builder().build()
				.writeValueAsString(context.getBean(LocksEndpoint.class).locks());
			assertThat(endpoint).contains("login:#").doesNotContain(PASSWORD);
			assertLockDirectoryDoesNotContain(PASSWORD);
			release.countDown();
			assertThat(holder.get(10, TimeUnit.SECONDS)).isEqualTo("ann");
			assertLockDirectoryDoesNotContain(PASSWORD);
		});
	}

	@Test
	void equalRecordsShareALockAndScalarsStayReadable() {
		assertThat(LockKeyValues.text(new Credentials("ann", PASSWORD)))
			.isEqualTo(LockKeyValues.text(new Credentials("ann", PASSWORD)))
			.isNotEqualTo(LockKeyValues.text(new Credentials("ann", "other")))
			.matches("#[0-9a-f]{16}");
		assertThat(LockKeyValues.text("order-7")).isEqualTo("order-7");
		assertThat(LockKeyValues.text(42L)).isEqualTo("42");
		assertThat(LockKeyValues.text(true)).isEqualTo("true");
		assertThat(LockKeyValues.text(Color.RED)).isEqualTo("RED");
		UUID id = UUID.randomUUID();
		assertThat(LockKeyValues.text(id)).isEqualTo(id.toString());
		assertThat(LockKeyValues.text(LocalDate.of(2026, 1, 2))).isEqualTo("2026-01-02");
		assertThat(LockKeyValues.text(List.of("a", PASSWORD))).startsWith("#").doesNotContain(PASSWORD);
		assertThat(LockKeyValues.text(new char[] { 'p', 'w' })).startsWith("#");
		runner().run(context -> {
			Logins logins = context.getBean(Logins.class);
			assertThat(logins.scalar(java.util.Map.of("password", PASSWORD))).isEqualTo("ran");
			assertThat(logins.scalar(7)).isEqualTo("ran");
			assertThatThrownBy(() -> logins.scalar(new Object())).isInstanceOf(LockKeyException.class)
				.hasMessageContaining("java.lang.Object");
			assertThatThrownBy(() -> logins.scalar(new StringBuilder(PASSWORD))).isInstanceOf(LockKeyException.class)
				.hasMessageNotContaining(PASSWORD);
		});
	}

	private void assertLockDirectoryDoesNotContain(String secret) throws Exception {
		try (Stream<Path> files = Files.walk(this.directory.resolve("locks"))) {
			for (Path file : files.toList()) {
				assertThat(file.toString()).doesNotContain(secret);
				if (Files.isRegularFile(file)) {
					assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).doesNotContain(secret);
				}
			}
		}
	}

	private interface Body {

		String run() throws Exception;

	}

	private static String call(Body body) {
		try {
			return body.run();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
