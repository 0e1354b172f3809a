package dev.fleche.autoconfigure.springcache;

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
 * Two JVMs sharing the embedded store (SQLite and disk locks) call one
 * {@code @Cacheable(sync = true)} method: it runs once, the other process reads its result.
 */
class CacheableTwoProcessesTest {

	@TempDir
	Path directory;

	@Test
	void syncCacheableRunsOnceAcrossTwoJvms() throws Exception {
		Path runs = this.directory.resolve("runs.txt");
		List<Process> processes = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			processes.add(new ProcessBuilder(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
					"-Xmx128m", "-XX:TieredStopAtLevel=1", "-Dworker.runs=" + runs, "-cp",
					System.getProperty("java.class.path"), CacheableWorker.class.getName(), this.directory.toString())
				.redirectErrorStream(true)
				.redirectOutput(this.directory.resolve("worker" + i + ".log").toFile())
				.start());
		}
		for (int i = 0; i < processes.size(); i++) {
			Process process = processes.get(i);
			Path log = this.directory.resolve("worker" + i + ".log");
			assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(log.toString()).isTrue();
			assertThat(process.exitValue()).as(Files.readString(log)).isZero();
			assertThat(Files.readString(log)).contains("RESULT quote-of-fleche");
		}
		assertThat(Files.readAllLines(runs)).hasSize(1);
	}

}
