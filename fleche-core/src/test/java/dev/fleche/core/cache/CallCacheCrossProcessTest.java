package dev.fleche.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fleche.core.storage.file.FileStorage;

/**
 * Two JVM processes sharing a disk lock directory and a file storage miss the same key at once:
 * the function runs once, both get its result, and the stored call is readable afterwards.
 */
class CallCacheCrossProcessTest {

	@TempDir
	Path shared;

	private final List<Process> processes = new ArrayList<>();

	@AfterEach
	void stop() {
		this.processes.forEach(Process::destroyForcibly);
	}

	private Process start(String name) throws Exception {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
				CrossProcessCaller.class.getName(), this.shared.toString(), name);
		builder.redirectOutput(this.shared.resolve("out-" + name).toFile());
		builder.redirectError(this.shared.resolve("err-" + name).toFile());
		Process process = builder.start();
		this.processes.add(process);
		return process;
	}

	@Test
	void twoProcessesMissingOneKeyRunTheFunctionOnce() throws Throwable {
		Process one = start("one");
		Process two = start("two");
		await().atMost(Duration.ofSeconds(60))
			.until(() -> Files.exists(this.shared.resolve("ready-one")) && Files.exists(this.shared.resolve("ready-two")));
		Files.createFile(this.shared.resolve("go"));
		assertThat(one.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(two.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(one.exitValue()).as(Files.readString(this.shared.resolve("err-one"))).isZero();
		assertThat(two.exitValue()).as(Files.readString(this.shared.resolve("err-two"))).isZero();
		List<String> runs = Files.readAllLines(this.shared.resolve("runs"));
		assertThat(runs).hasSize(1);
		String expected = "computed by " + runs.get(0);
		assertThat(Files.readString(this.shared.resolve("out-one")).strip()).isEqualTo(expected);
		assertThat(Files.readString(this.shared.resolve("out-two")).strip()).isEqualTo(expected);
		CallCache reader = CallCache
			.builder(FileStorage.values(this.shared.resolve("values")), FileStorage.calls(this.shared.resolve("calls")))
			.build();
		CallSpec spec = new CallSpec("test#crossProcess", "1", Map.of("a", 42), String.class);
		assertThat(reader.call(spec, () -> "not stored")).isEqualTo(expected);
	}

}
