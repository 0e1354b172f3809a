package dev.fleche.autoconfigure.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVMs sharing the embedded store (SQLite and disk locks) run a cached method once: the
 * second waits for the first's lock and then finds its result.
 */
class CachedCallTwoProcessesTest {

	@TempDir
	Path directory;

	@Test
	void twoJvmsRunTheMethodOnce() throws Exception {
		Path runs = this.directory.resolve("runs.txt");
		List<Process> processes = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			processes.add(new ProcessBuilder(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
					"-Xmx128m", "-XX:TieredStopAtLevel=1", "-Dworker.runs=" + runs, "-cp",
					System.getProperty("java.class.path"), CachedCallWorker.class.getName(), this.directory.toString())
				.redirectErrorStream(true)
				.redirectOutput(this.directory.resolve("worker" + i + ".log").toFile())
				.start());
		}
		for (int i = 0; i < processes.size(); i++) {
			Process process = processes.get(i);
			String log = this.directory.resolve("worker" + i + ".log").toString();
			assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(log).isTrue();
			assertThat(process.exitValue()).as(Files.readString(Path.of(log))).isZero();
			assertThat(Files.readString(Path.of(log))).contains("RESULT answer-84");
		}
		assertThat(Files.readAllLines(runs)).hasSize(1);
	}

}
