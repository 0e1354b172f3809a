package dev.fleche.core.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVMs writing one SQLite store at the same time lose nothing.
 */
class SqliteTwoProcessesTest {

	@TempDir
	Path directory;

	@Test
	void twoProcessesWritingAtOnceLoseNothing() throws Exception {
		Path file = this.directory.resolve("fleche.db");
		SqliteStore.open(file).close();
		List<Process> processes = new ArrayList<>();
		for (int worker = 0; worker < 2; worker++) {
			processes.add(new ProcessBuilder(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
					"-Xmx64m", "-cp", System.getProperty("java.class.path"), SqliteWriter.class.getName(), file.toString(),
					"w" + worker, "150")
				.redirectErrorStream(true)
				.redirectOutput(this.directory.resolve("worker" + worker + ".log").toFile())
				.start());
		}
		for (Process process : processes) {
			assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).as(java.nio.file.Files.readString(this.directory.resolve("worker"
					+ processes.indexOf(process) + ".log"))).isZero();
		}
		try (SqliteStore store = SqliteStore.open(file)) {
			assertThat(store.values().list()).hasSize(300);
			assertThat(store.calls().list()).hasSize(300);
			for (int worker = 0; worker < 2; worker++) {
				for (int i = 0; i < 150; i++) {
					String value = "w" + worker + "-" + i;
					assertThat(store.values().load(dev.fleche.core.digest.Digester.standard().digest(value).hex(), String.class))
						.isEqualTo(value);
				}
			}
		}
	}

}
