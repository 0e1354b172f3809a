package dev.fleche.core.lock.disk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.support.LockServices;

/**
 * Idle lock files are reclaimed: the directory stays small however many keys were used, fencing
 * tokens keep growing across a reclaim, and processes racing on keys whose files are deleted and
 * created again keep the mutex exclusive.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LockFileReclaimTest {

	@TempDir
	Path temp;

	private final List<Process> processes = new ArrayList<>();

	@AfterEach
	void killLeftovers() {
		this.processes.forEach(Process::destroyForcibly);
	}

	private static long fileCount(Path directory) throws Exception {
		try (Stream<Path> files = Files.list(directory)) {
			return files.count();
		}
	}

	private static long diskBytes(Path directory) throws Exception {
		Process du = new ProcessBuilder("du", "-sk", directory.toString()).redirectErrorStream(true).start();
		String out = new String(du.getInputStream().readAllBytes()).trim();
		assertThat(du.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return Long.parseLong(out.split("\\s+")[0]) * 1024;
	}

	@Test
	void thousandsOfDistinctKeysLeaveABoundedDirectory() throws Exception {
		distinctKeysLeaveABoundedDirectory(1_500);
	}

	/** The probe of the issue, too long for the default run: {@code mvn -P soak ... -Dtest=LockFileReclaimTest}. */
	@Test
	@Tag("soak")
	@Timeout(value = 30, unit = TimeUnit.MINUTES)
	void hundredThousandDistinctKeysLeaveABoundedDirectory() throws Exception {
		distinctKeysLeaveABoundedDirectory(100_000);
	}

	private void distinctKeysLeaveABoundedDirectory(int keys) throws Exception {
		Path locks = this.temp.resolve("locks");
		try (LockService service = LockServices.create(DiskLockBackend.open(locks))) {
			for (int i = 0; i < keys; i++) {
				service.lock("user-input-" + i).acquire().close();
			}
			long files = fileCount(locks);
			long bytes = diskBytes(locks);
			System.out.println("After " + keys + " keys: " + files + " files, " + bytes + " bytes on disk");
			assertThat(files).isLessThanOrEqualTo(LockDirectory.MAX_OPEN_FILES + 2);
			assertThat(bytes).isLessThan((LockDirectory.MAX_OPEN_FILES + 2) * 64L * 1024);
			Path maps = Path.of("/proc/self/maps");
			if (Files.exists(maps)) {
				// closed files are unmapped at once, not when their buffers are collected
				long mapped = Files.readAllLines(maps).stream().filter(line -> line.contains(locks.toString())).count();
				assertThat(mapped).isLessThanOrEqualTo(LockDirectory.MAX_OPEN_FILES + 2);
			}
		}
		assertThat(fileCount(locks)).as("idle files are reclaimed on close").isLessThanOrEqualTo(1);
	}

	@Test
	void tokensKeepGrowingAcrossAReclaim() throws Exception {
		Path locks = this.temp.resolve("locks");
		Path file = locks.resolve(LockDirectory.fileName("fenced"));
		long before;
		try (LockService service = LockServices.create(DiskLockBackend.open(locks))) {
			for (int i = 0; i < 5; i++) {
				service.lock("fenced").acquire().close();
			}
			try (LockHandle handle = service.lock("fenced").acquire()) {
				before = handle.token();
			}
			for (int i = 0; i < LockDirectory.MAX_OPEN_FILES + 10; i++) {
				service.lock("other-" + i).acquire().close();
			}
			assertThat(file).doesNotExist();
			try (LockHandle handle = service.lock("fenced").acquire()) {
				assertThat(handle.token()).isGreaterThan(before);
			}
		}
		try (LockService service = LockServices.create(DiskLockBackend.open(locks))) {
			assertThat(file).doesNotExist();
			try (LockHandle handle = service.lock("fenced").acquire()) {
				assertThat(handle.token()).isGreaterThan(before + 1);
			}
		}
	}

	@Test
	void aFileReclaimedByAnotherProcessIsOpenedAgain() throws Exception {
		Path locks = this.temp.resolve("locks");
		Path file = locks.resolve(LockDirectory.fileName("shared-key"));
		try (LockService mine = LockServices.create(DiskLockBackend.open(locks))) {
			mine.lock("shared-key").acquire().close();
			assertThat(file).exists();
			// another process reclaims the file this JVM still has open, creates it again, and
			// reclaims it again when it closes
			Process other = start(ReclaimOnce.class.getName(), locks.toString(), "shared-key");
			assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();
			assertThat(other.exitValue()).as(output(other)).isZero();
			assertThat(file).doesNotExist();
			try (LockHandle held = mine.lock("shared-key").acquire(Duration.ofSeconds(5))) {
				Process contender = start(TryOnce.class.getName(), locks.toString(), "shared-key");
				assertThat(contender.waitFor(60, TimeUnit.SECONDS)).isTrue();
				assertThat(contender.exitValue()).as("the other process must not get the held lock: %s", output(contender))
					.isEqualTo(3);
			}
		}
	}

	@Test
	void processesRacingOnReclaimedKeysKeepTheMutexExclusive() throws Exception {
		Path locks = this.temp.resolve("locks");
		Path work = Files.createDirectories(this.temp.resolve("work"));
		int workers = 4;
		int iterations = 100;
		int hotKeys = 3;
		List<Process> started = new ArrayList<>();
		for (int i = 0; i < workers; i++) {
			started.add(start(ReclaimRaceWorker.class.getName(), locks.toString(), work.toString(),
					Integer.toString(iterations), Integer.toString(hotKeys), "w" + i));
		}
		Files.writeString(work.resolve("go"), "go");
		for (Process process : started) {
			assertThat(process.waitFor(100, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).as(output(process)).isZero();
		}
		int total = 0;
		for (int k = 0; k < hotKeys; k++) {
			total += Integer.parseInt(Files.readString(work.resolve("hot-" + k)).trim());
		}
		assertThat(total).isEqualTo(workers * iterations);
		java.util.Set<String> inodes = new java.util.HashSet<>();
		for (int i = 0; i < workers; i++) {
			inodes.addAll(Files.readAllLines(work.resolve("inodes-w" + i)));
		}
		System.out.println("Distinct files seen for the hot keys: " + inodes.size());
		assertThat(inodes).as("hot keys' files were reclaimed and created again").hasSizeGreaterThan(hotKeys);
		assertThat(fileCount(locks)).isLessThanOrEqualTo(hotKeys + 1);
	}

	private Process start(String main, String... args) throws Exception {
		List<String> line = new ArrayList<>(List.of(System.getProperty("java.home") + File.separator + "bin"
				+ File.separator + "java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m", "-cp",
				System.getProperty("java.class.path"), main));
		line.addAll(List.of(args));
		Path log = Files.createTempFile(this.temp, "process-", ".log");
		Process process = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		this.processes.add(process);
		this.logs.put(process, log);
		return process;
	}

	private final java.util.Map<Process, Path> logs = new java.util.HashMap<>();

	private String output(Process process) throws Exception {
		return Files.readString(this.logs.get(process));
	}

	/** Opens the key, then reclaims its file by opening enough other keys, and opens it again. */
	public static final class ReclaimOnce {

		public static void main(String[] args) throws Exception {
			Path locks = Path.of(args[0]);
			Path file = locks.resolve(LockDirectory.fileName(args[1]));
			try (LockService service = LockServices.create(DiskLockBackend.open(locks))) {
				service.lock(args[1]).acquire().close();
				for (int i = 0; i < LockDirectory.MAX_OPEN_FILES + 10; i++) {
					service.lock("churn-" + i).acquire().close();
				}
				if (Files.exists(file)) {
					System.out.println("not reclaimed");
					System.exit(4);
				}
				service.lock(args[1]).acquire().close();
			}
			System.exit(0);
		}

	}

	/** Tries the key once: exit 0 if granted, 3 if not. */
	public static final class TryOnce {

		public static void main(String[] args) throws Exception {
			try (LockService service = LockServices.create(DiskLockBackend.open(Path.of(args[0])))) {
				boolean granted = service.lock(args[1]).tryAcquire(Duration.ofMillis(200)).map(handle -> {
					handle.close();
					return true;
				}).orElse(false);
				System.exit(granted ? 0 : 3);
			}
		}

	}

}
