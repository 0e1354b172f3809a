package dev.fleche.autoconfigure.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.fleche.autoconfigure.cache.FlecheCacheAutoConfiguration;
import dev.fleche.autoconfigure.cache.Reports;
import dev.fleche.autoconfigure.lock.FlecheLockAutoConfiguration;
import dev.fleche.core.storage.CorruptEntryException;

/**
 * An application started on a garbage {@code fleche.db}: by default the file is moved aside and
 * {@code @CachedCall} methods work on a fresh store; with {@code fleche.storage.on-corrupt=fail}
 * the start fails naming the file.
 */
class CorruptStoreStartupTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(FlecheStorageAutoConfiguration.class,
					FlecheLockAutoConfiguration.class, FlecheCacheAutoConfiguration.class))
			.withPropertyValues("fleche.storage.path=" + this.directory)
			.withBean(Reports.class);
	}

	private byte[] writeGarbage() throws IOException {
		byte[] garbage = new byte[16384];
		new Random(7).nextBytes(garbage);
		Files.write(this.directory.resolve("fleche.db"), garbage);
		return garbage;
	}

	private List<Path> aside() throws IOException {
		try (Stream<Path> files = Files.list(this.directory)) {
			return files.filter(path -> path.getFileName().toString().startsWith("fleche.db.corrupt-")).toList();
		}
	}

	@Test
	void byDefaultTheGarbageFileIsMovedAsideAndCachedCallsWork() throws IOException {
		byte[] garbage = writeGarbage();
		runner().run(context -> {
			assertThat(context).hasNotFailed();
			Reports reports = context.getBean(Reports.class);
			assertThat(reports.monthly(2024, 1)).hasSize(2);
			assertThat(reports.monthly(2024, 1)).hasSize(2);
			assertThat(reports.sum(2, 3, "first")).isEqualTo(5);
			assertThat(reports.sum(2, 3, "again")).isEqualTo(5);
		});
		List<Path> aside = aside();
		assertThat(aside).hasSize(1);
		assertThat(Files.readAllBytes(aside.get(0))).isEqualTo(garbage);
		assertThat(Files.size(this.directory.resolve("fleche.db"))).isPositive();
	}

	@Test
	void withFailTheStartFailsNamingTheFileAndTheFileStays() throws IOException {
		byte[] garbage = writeGarbage();
		runner().withPropertyValues("fleche.storage.on-corrupt=fail").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining(CorruptEntryException.class.getName())
				.hasStackTraceContaining(this.directory.resolve("fleche.db").toString());
		});
		assertThat(aside()).isEmpty();
		assertThat(Files.readAllBytes(this.directory.resolve("fleche.db"))).isEqualTo(garbage);
	}

}
