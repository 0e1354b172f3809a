package dev.fleche.core.lock.postgres;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.spi.Grant;
import dev.fleche.core.lock.spi.KeyQueue;
import dev.fleche.core.lock.spi.Owner;
import dev.fleche.core.testsupport.PostgresServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The PostgreSQL backend across four JVMs on one server, running {@link PostgresLockWorker}.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PostgresLockMultiProcessTest {

	private static final int PROCESSES = 4;

	private static final int ITERATIONS = 100;

	private static final Duration KILLED_HOLDER_BOUND = Duration.ofSeconds(1);

	private static HikariDataSource pool;

	@TempDir
	Path work;

	private final String prefix = UUID.randomUUID().toString().substring(0, 8) + "-";

	private final List<Process> processes = new ArrayList<>();

	@BeforeAll
	static void openPool() {
		pool = PostgresServer.shared().pool(4);
	}

	@AfterAll
	static void closePool() {
		pool.close();
	}

	@AfterEach
	void killLeftovers() {
		this.processes.forEach(Process::destroyForcibly);
	}

	@Test
	void mutexCounterIsExactAcrossJvms() throws Exception {
		runGated("mutex", Integer.toString(ITERATIONS));
		assertThat(read("counter")).isEqualTo(PROCESSES * ITERATIONS);
		assertThat(Files.readString(this.work.resolve("sequence"))).hasSize(PROCESSES * ITERATIONS);
	}

	@Test
	void semaphorePeakNeverPassesItsBound() throws Exception {
		runGated("semaphore", Integer.toString(ITERATIONS / 2), "2");
		assertThat(read("counter")).isEqualTo(PROCESSES * ITERATIONS / 2);
		assertThat(read("peak")).isEqualTo(2);
		assertThat(read("inside")).isZero();
	}

	@Test
	void aCachedMissRunsOnceAcrossJvms() throws Exception {
		runGated("cached");
		List<String> runs = Files.readAllLines(this.work.resolve("runs"));
		assertThat(runs).hasSize(1);
		for (int i = 0; i < PROCESSES; i++) {
			assertThat(Files.readString(this.work.resolve("result-" + i))).isEqualTo("computed by " + runs.get(0));
		}
	}

	@Test
	void fifoOrderHoldsAcrossJvms() throws Exception {
		try (PostgresLockBackend backend = backend()) {
			KeyQueue queue = backend.queue(this.prefix + "counter");
			Grant held = queue.tryAcquire(LockMode.MUTEX, Owner.current(), LockOptions.defaults());
			assertThat(held).isNotNull();
			List<Process> children = new ArrayList<>();
			for (int i = 1; i <= PROCESSES; i++) {
				children.add(start("fifo", Integer.toString(i)));
				int queued = i;
				await().atMost(Duration.ofSeconds(30)).until(() -> queue.queueLength() == queued);
			}
			held.release();
			for (Process child : children) {
				assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
				assertThat(child.exitValue()).as(output(child)).isZero();
			}
		}
		assertThat(Files.readAllLines(this.work.resolve("order"))).containsExactly("1", "2", "3", "4");
	}

	@Test
	void killedHolderFreesTheLockForTheNextInUnderASecond() throws Exception {
		Process holder = start("hold");
		await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(this.work.resolve("held")));
		try (PostgresLockBackend backend = backend()) {
			KeyQueue queue = backend.queue(this.prefix + "counter");
			Grant before = null;
			assertThat(queue.tryAcquire(LockMode.MUTEX, Owner.current(), LockOptions.defaults())).isEqualTo(before);
			long holderToken = queue.state().lastToken();
			CompletableFuture<Grant> waiting = queue.enqueue(LockMode.MUTEX, Owner.current(), LockOptions.defaults());
			await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(3)).until(() -> !waiting.isDone());
			long killedAt = System.nanoTime();
			holder.destroyForcibly();
			Grant grant = waiting.get(10, TimeUnit.SECONDS);
			long passedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
			System.out.println("Killed holder's lock passed on after " + passedMillis + " ms");
			assertThat(Duration.ofMillis(passedMillis)).isLessThan(KILLED_HOLDER_BOUND);
			assertThat(grant.token()).isGreaterThan(holderToken);
			grant.release();
		}
	}

	private PostgresLockBackend backend() {
		return PostgresLockBackend.open(pool, PostgresServer.shared().connections(), PostgresLockSettings.defaults());
	}

	private void runGated(String command, String... args) throws Exception {
		List<Process> workers = new ArrayList<>();
		for (int i = 0; i < PROCESSES; i++) {
			List<String> all = new ArrayList<>(List.of(args));
			all.add(Integer.toString(i));
			workers.add(start(command, all.toArray(String[]::new)));
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			for (int i = 0; i < PROCESSES; i++) {
				if (!Files.exists(this.work.resolve("ready-" + i))) {
					return false;
				}
			}
			return true;
		});
		Files.writeString(this.work.resolve("go"), "go");
		for (int i = 0; i < PROCESSES; i++) {
			Process worker = workers.get(i);
			assertThat(worker.waitFor(120, TimeUnit.SECONDS)).as("worker %d finished", i).isTrue();
			String output = output(worker);
			assertThat(worker.exitValue()).as("worker %d exit code; output: %s", i, output).isZero();
			assertThat(output).as("worker %d output", i).doesNotContain(" WARN ", " ERROR ");
		}
	}

	private Process start(String command, String... args) throws Exception {
		List<String> line = new ArrayList<>(List.of(System.getProperty("java.home") + File.separator + "bin"
				+ File.separator + "java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx96m", "-cp",
				System.getProperty("java.class.path"), PostgresLockWorker.class.getName(), command,
				PostgresServer.shared().jdbcUrl(), this.work.toString(), this.prefix));
		line.addAll(List.of(args));
		Path err = Files.createTempFile(this.work, "err-", ".txt");
		Process process = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(err.toFile()).start();
		Files.move(err, this.work.resolve("err-" + process.pid()));
		this.processes.add(process);
		return process;
	}

	private String output(Process process) throws Exception {
		return Files.readString(this.work.resolve("err-" + process.pid()));
	}

	private int read(String name) throws Exception {
		Path file = this.work.resolve(name);
		return Files.exists(file) ? Integer.parseInt(Files.readString(file).trim()) : 0;
	}

}
