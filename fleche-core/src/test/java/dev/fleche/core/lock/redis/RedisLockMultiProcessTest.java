package dev.fleche.core.lock.redis;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.support.LockServices;
import dev.fleche.core.testsupport.RedisServerProcess;
import dev.fleche.core.testsupport.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several JVMs on one Redis act as separate hosts, each running {@link RedisLockWorker}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RedisLockMultiProcessTest {

	private static final int PROCESSES = 4;

	private static final int ITERATIONS = 100;

	private static final Duration WATCHDOG = Duration.ofSeconds(2);

	private final RedisServerProcess server = TestRedis.shared();

	private final String prefix = "multi-" + UUID.randomUUID().toString().substring(0, 8) + ":";

	private final List<Process> processes = new ArrayList<>();

	@TempDir
	Path temp;

	private RedisClient client;

	private StatefulRedisConnection<String, String> connection;

	private RedisCommands<String, String> redis;

	@BeforeEach
	void connect() {
		this.client = RedisClient.create(this.server.uri());
		this.connection = this.client.connect();
		this.redis = this.connection.sync();
	}

	@AfterEach
	void close() {
		this.processes.forEach(Process::destroyForcibly);
		this.connection.close();
		this.client.shutdown();
	}

	@Test
	void mutexCounterIsExactAcrossProcesses() throws Exception {
		runGated("mutex", Integer.toString(ITERATIONS));
		assertThat(this.redis.get(test("counter"))).isEqualTo(Integer.toString(PROCESSES * ITERATIONS));
		assertThat(this.redis.strlen(test("sequence"))).isEqualTo(PROCESSES * ITERATIONS);
	}

	@Test
	void semaphorePeakNeverPassesItsBound() throws Exception {
		runGated("semaphore", Integer.toString(ITERATIONS), "2");
		assertThat(this.redis.get(test("counter"))).isEqualTo(Integer.toString(PROCESSES * ITERATIONS));
		assertThat(this.redis.get(test("peak"))).isEqualTo("2");
		assertThat(this.redis.get(test("inside"))).isEqualTo("0");
	}

	@Test
	void fifoOrderHoldsAcrossProcesses() throws Exception {
		try (RedisLockBackend backend = backend()) {
			LockService locks = LockServices.create(backend);
			LockHandle held = locks.lock("fifo").acquire();
			List<Process> workers = new ArrayList<>();
			for (int i = 0; i < PROCESSES; i++) {
				workers.add(start("fifo", Integer.toString(i)));
				int queued = i + 1;
				await().atMost(Duration.ofSeconds(30)).until(() -> locks.fifo("fifo").queueLength() == queued);
			}
			held.release();
			for (Process worker : workers) {
				finish(worker);
			}
			assertThat(this.redis.lrange(test("order"), 0, -1)).containsExactly("0", "1", "2", "3");
		}
	}

	@Test
	void killedHolderIsFollowedWithinTheWatchdogTimeout() throws Exception {
		Process holder = start("hold", "0");
		await().atMost(Duration.ofSeconds(30)).until(() -> this.redis.exists(test("held")) == 1);
		try (RedisLockBackend backend = backend()) {
			LockService locks = LockServices.create(backend);
			assertThat(locks.lock("hold").tryAcquire()).isEmpty();
			long killedAt = System.nanoTime();
			holder.destroyForcibly();
			try (LockHandle next = locks.lock("hold").acquire(Duration.ofSeconds(30))) {
				Duration passed = Duration.ofNanos(System.nanoTime() - killedAt);
				System.out.println("Killed holder's lock passed on after " + passed.toMillis() + " ms");
				assertThat(passed).isLessThan(WATCHDOG.plusMillis(500));
				assertThat(next.isHeld()).isTrue();
			}
		}
	}

	@Test
	void cachedMissRunsOnceAcrossProcesses() throws Exception {
		runGated("cached");
		assertThat(this.redis.get(test("computed"))).isEqualTo("1");
		List<String> results = this.redis.lrange(test("results"), 0, -1);
		assertThat(results).hasSize(PROCESSES);
		assertThat(results.stream().distinct()).hasSize(1);
	}

	private RedisLockBackend backend() {
		return RedisLockBackend.create(this.client,
				RedisLockSettings.defaults().withPrefix(this.prefix).withWatchdogTimeout(WATCHDOG));
	}

	private String test(String name) {
		return this.prefix + "test:" + name;
	}

	private void runGated(String command, String... args) throws Exception {
		List<Process> workers = new ArrayList<>();
		for (int i = 0; i < PROCESSES; i++) {
			List<String> all = new ArrayList<>();
			all.add(Integer.toString(i));
			all.addAll(List.of(args));
			workers.add(start(command, all.toArray(String[]::new)));
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			for (int i = 0; i < PROCESSES; i++) {
				if (this.redis.exists(test("ready:" + i)) == 0) {
					return false;
				}
			}
			return true;
		});
		this.redis.set(test("go"), "1");
		for (Process worker : workers) {
			finish(worker);
		}
	}

	private void finish(Process worker) throws Exception {
		assertThat(worker.waitFor(90, TimeUnit.SECONDS)).as("worker finished").isTrue();
		String output = Files.readString(this.temp.resolve("out-" + worker.pid()));
		assertThat(worker.exitValue()).as("worker exit code; output: %s", output).isZero();
		assertThat(output).as("worker output").doesNotContain(" WARN ", " ERROR ");
	}

	private Process start(String command, String... args) throws Exception {
		List<String> line = new ArrayList<>(List.of(System.getProperty("java.home") + File.separator + "bin"
				+ File.separator + "java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx96m",
				"-Dlogback.configurationFile=" + System.getProperty("logback.configurationFile", ""), "-cp", System.getProperty("java.class.path"),
				RedisLockWorker.class.getName(), this.server.uri(), this.prefix, Long.toString(WATCHDOG.toMillis()),
				command));
		line.addAll(List.of(args));
		Path out = Files.createTempFile(this.temp, "out-", ".txt");
		Process process = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(out.toFile()).start();
		Files.move(out, this.temp.resolve("out-" + process.pid()));
		this.processes.add(process);
		return process;
	}

}
