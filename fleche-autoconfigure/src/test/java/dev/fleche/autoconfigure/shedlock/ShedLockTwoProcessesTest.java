package dev.fleche.autoconfigure.shedlock;

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
 * Two JVMs run the same {@code @SchedulerLock} job on a {@code @Scheduled} tick every second,
 * sharing the disk lock backend: each tick runs once, in one of them.
 */
class ShedLockTwoProcessesTest {

	@TempDir
	Path directory;

	@Test
	void eachTickRunsOnceAcrossTwoJvms() throws Exception {
		Path runs = this.directory.resolve("runs.txt");
		long end = System.currentTimeMillis() + 11_000;
		List<Process> processes = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			processes.add(new ProcessBuilder(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
					"-Xmx128m", "-XX:TieredStopAtLevel=1", "-Dworker.runs=" + runs, "-cp",
					System.getProperty("java.class.path"), ShedLockWorker.class.getName(), this.directory.toString(),
					Long.toString(end))
				.redirectErrorStream(true)
				.redirectOutput(this.directory.resolve("worker" + i + ".log").toFile())
				.start());
		}
		long latestStart = 0;
		long earliestStop = Long.MAX_VALUE;
		for (int i = 0; i < processes.size(); i++) {
			Process process = processes.get(i);
			Path log = this.directory.resolve("worker" + i + ".log");
			assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(log.toString()).isTrue();
			String output = Files.readString(log);
			assertThat(process.exitValue()).as(output).isZero();
			latestStart = Math.max(latestStart, value(output, "STARTED "));
			earliestStop = Math.min(earliestStop, value(output, "STOPPED "));
		}
		assertThat(earliestStop - latestStart).as("both JVMs ran side by side for a while").isGreaterThan(3000);
		long from = latestStart;
		long to = earliestStop;
		List<String> seconds = Files.readAllLines(runs).stream().map(line -> line.split(" ")[0]).toList();
		long overlappingTicks = seconds.stream()
			.mapToLong(Long::parseLong)
			.filter(second -> second * 1000 >= from && second * 1000 + 1000 <= to)
			.count();
		assertThat(seconds).as("no tick ran twice").doesNotHaveDuplicates();
		assertThat(overlappingTicks).as("ticks ran while both JVMs were up").isGreaterThanOrEqualTo(2);
	}

	private static long value(String output, String prefix) {
		return output.lines()
			.filter(line -> line.startsWith(prefix))
			.mapToLong(line -> Long.parseLong(line.substring(prefix.length()).trim()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no '" + prefix + "' in " + output));
	}

}
