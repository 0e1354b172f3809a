package dev.fleche.core.lock.disk;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.spi.Grant;
import dev.fleche.core.lock.spi.KeyQueue;
import dev.fleche.core.lock.spi.Owner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The disk backend across JVMs started with {@link ProcessBuilder}, running {@link DiskLockWorker}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DiskLockMultiProcessTest {

	private static final int PROCESSES = 4;

	private static final int ITERATIONS = 500;

	/** The bound, documented on {@link DiskLockBackend}, for a killed holder's lock to pass on. */
	private static final Duration KILLED_HOLDER_BOUND = Duration.ofMillis(500);

	@TempDir
	Path temp;

	private final List<Process> processes = new ArrayList<>();

	@AfterEach
	void killLeftovers() {
		this.processes.forEach(Process::destroyForcibly);
	}

	@Test
	void mutexCounterAddsUpAcrossProcesses() throws Exception {
		Path work = runGated("mutex", Integer.toString(ITERATIONS));
		assertThat(read(work, "counter")).isEqualTo(PROCESSES * ITERATIONS);
		String sequence = Files.readString(work.resolve("sequence"));
		assertThat(sequence).hasSize(PROCESSES * ITERATIONS);
		int longestRun = longestRun(sequence);
		System.out.println("Longest run of grants to one process while all contended: " + longestRun);
		assertThat(longestRun).as("FIFO: a releaser re-queues behind the processes waiting").isLessThanOrEqualTo(3);
	}

	/**
	 * The longest run of consecutive grants to one process, between the moment every process was
	 * granted once and the moment the first one finished.
	 */
	private static int longestRun(String sequence) {
		int from = 0;
		int to = sequence.length();
		for (int i = 0; i < PROCESSES; i++) {
			char id = Character.forDigit(i, 10);
			from = Math.max(from, sequence.indexOf(id));
			to = Math.min(to, sequence.lastIndexOf(id) + 1);
		}
		int longest = 0;
		int run = 0;
		for (int i = from; i < to; i++) {
			run = (i > from && sequence.charAt(i) == sequence.charAt(i - 1)) ? run + 1 : 1;
			longest = Math.max(longest, run);
		}
		return longest;
	}

	@Test
	void semaphoreNeverLetsMoreThanItsPermitsIn() throws Exception {
		Path work = runGated("semaphore", Integer.toString(ITERATIONS), "2");
		assertThat(read(work, "counter")).isEqualTo(PROCESSES * ITERATIONS);
		assertThat(read(work, "peak")).isEqualTo(2);
		assertThat(read(work, "inside")).isZero();
	}

	@Test
	void readWriteLockNeverTearsAcrossProcesses() throws Exception {
		Path work = runGated("readwrite", Integer.toString(ITERATIONS));
		assertThat(read(work, "a")).isEqualTo(PROCESSES * ITERATIONS);
		assertThat(read(work, "b")).isEqualTo(PROCESSES * ITERATIONS);
	}

	@Test
	void killedHolderIsFollowedPromptly() throws Exception {
		Path locks = this.temp.resolve("locks");
		Path work = Files.createDirectories(this.temp.resolve("work"));
		Process holder = start("hold", locks, work, "0");
		await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(work.resolve("held")));
		try (DiskLockBackend backend = DiskLockBackend.open(locks)) {
			KeyQueue queue = backend.queue("counter");
			CompletableFuture<Grant> waiting = queue.enqueue(LockMode.MUTEX, Owner.current(), LockOptions.defaults());
			await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !waiting.isDone());
			long killedAt = System.nanoTime();
			holder.destroyForcibly();
			Grant grant = waiting.get(10, TimeUnit.SECONDS);
			long passedMicros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - killedAt);
			System.out.println("Killed holder's lock passed on after " + passedMicros + " us");
			assertThat(Duration.ofNanos(passedMicros * 1000)).isLessThan(KILLED_HOLDER_BOUND);
			assertThat(queue.state().holders()).singleElement()
				.satisfies(held -> assertThat(held.token()).isEqualTo(grant.token()));
			grant.release();
		}
	}

	@Test
	void killedWaiterDoesNotBlockThoseBehindIt() throws Exception {
		Path locks = this.temp.resolve("locks");
		Path work = Files.createDirectories(this.temp.resolve("work"));
		try (DiskLockBackend backend = DiskLockBackend.open(locks)) {
			KeyQueue queue = backend.queue("counter");
			Grant held = queue.tryAcquire(LockMode.MUTEX, Owner.current(), LockOptions.defaults());
			Process waiter = start("fifo", locks, work, "dead");
			await().atMost(Duration.ofSeconds(30)).until(() -> queue.queueLength() == 1);
			CompletableFuture<Grant> behind = queue.enqueue(LockMode.MUTEX, Owner.current(), LockOptions.defaults());
			waiter.destroyForcibly();
			assertThat(waiter.waitFor(10, TimeUnit.SECONDS)).isTrue();
			held.release();
			Grant grant = behind.get(10, TimeUnit.SECONDS);
			assertThat(queue.queueLength()).isZero();
			assertThat(work.resolve("order")).doesNotExist();
			grant.release();
		}
	}

	@Test
	void killedHolderWithoutWaitersIsRemovedWhenTheStateIsRead() throws Exception {
		Path locks = this.temp.resolve("locks");
		Path work = Files.createDirectories(this.temp.resolve("work"));
		Process holder = start("hold", locks, work, "0");
		await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(work.resolve("held")));
		try (DiskLockBackend backend = DiskLockBackend.open(locks)) {
			KeyQueue queue = backend.queue("counter");
			assertThat(queue.tryAcquire(LockMode.MUTEX, Owner.current(), LockOptions.defaults())).isNull();
			holder.destroyForcibly();
			assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();
			assertThat(queue.held().total()).isZero();
			Grant grant = queue.tryAcquire(LockMode.MUTEX, Owner.current(), LockOptions.defaults());
			assertThat(grant).isNotNull();
			grant.release();
		}
	}

	@Test
	void leaseOfALiveButStuckHolderInAnotherProcessRunsOut() throws Exception {
		Path locks = this.temp.resolve("locks");
		Path work = Files.createDirectories(this.temp.resolve("work"));
		Process holder = start("hold", locks, work, "700");
		await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(work.resolve("held")));
		try (DiskLockBackend backend = DiskLockBackend.open(locks)) {
			KeyQueue queue = backend.queue("counter");
			long leaseEnds = queue.state().holders().get(0).leaseExpiresEpochMillis();
			Grant grant = queue.enqueue(LockMode.MUTEX, Owner.current(), LockOptions.defaults()).get(10, TimeUnit.SECONDS);
			assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(leaseEnds);
			assertThat(holder.isAlive()).isTrue();
			assertThat(queue.state().holders()).singleElement()
				.satisfies(held -> assertThat(held.token()).isEqualTo(grant.token()));
			grant.release();
		}
	}

	@Test
	void fifoOrderHoldsAcrossProcesses() throws Exception {
		Path locks = this.temp.resolve("locks");
		Path work = Files.createDirectories(this.temp.resolve("work"));
		try (DiskLockBackend backend = DiskLockBackend.open(locks)) {
			KeyQueue queue = backend.queue("counter");
			Grant held = queue.tryAcquire(LockMode.MUTEX, Owner.current(), LockOptions.defaults());
			List<Process> children = new ArrayList<>();
			for (int i = 1; i <= 3; i++) {
				children.add(start("fifo", locks, work, Integer.toString(i)));
				int queued = i;
				await().atMost(Duration.ofSeconds(30)).until(() -> queue.queueLength() == queued);
			}
			held.release();
			for (Process child : children) {
				assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
				assertThat(child.exitValue()).isZero();
			}
		}
		assertThat(Files.readAllLines(work.resolve("order"))).containsExactly("1", "2", "3");
	}

	private Path runGated(String command, String... args) throws Exception {
		Path locks = this.temp.resolve("locks");
		Path work = Files.createDirectories(this.temp.resolve("work"));
		List<Process> workers = new ArrayList<>();
		for (int i = 0; i < PROCESSES; i++) {
			List<String> all = new ArrayList<>(List.of(args));
			all.add(Integer.toString(i));
			workers.add(start(command, locks, work, all.toArray(String[]::new)));
		}
		await().atMost(Duration.ofSeconds(40)).until(() -> {
			for (int i = 0; i < PROCESSES; i++) {
				if (!Files.exists(work.resolve("ready-" + i))) {
					return false;
				}
			}
			return true;
		});
		Files.writeString(work.resolve("go"), "go");
		for (int i = 0; i < PROCESSES; i++) {
			Process worker = workers.get(i);
			assertThat(worker.waitFor(60, TimeUnit.SECONDS)).as("worker %d finished", i).isTrue();
			String output = Files.readString(work.resolve("err-" + worker.pid()));
			assertThat(worker.exitValue()).as("worker %d exit code; output: %s", i, output).isZero();
			assertThat(output).as("worker %d output", i).doesNotContain(" WARN ", " ERROR ");
			System.out.println("worker " + i + " false deadlocks: " + output.split("false deadlock", -1).length);
		}
		return work;
	}

	private Process start(String command, Path locks, Path work, String... args) throws Exception {
		List<String> line = new ArrayList<>(List.of(System.getProperty("java.home") + File.separator + "bin"
				+ File.separator + "java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m", "-cp",
				System.getProperty("java.class.path"), DiskLockWorker.class.getName(), command, locks.toString(),
				work.toString()));
		line.addAll(List.of(args));
		Path err = Files.createTempFile(work, "err-", ".txt");
		Process process = new ProcessBuilder(line).redirectErrorStream(true)
			.redirectOutput(err.toFile())
			.start();
		Files.move(err, work.resolve("err-" + process.pid()));
		this.processes.add(process);
		return process;
	}

	private static int read(Path work, String name) throws Exception {
		Path file = work.resolve(name);
		return Files.exists(file) ? Integer.parseInt(Files.readString(file).trim()) : 0;
	}

}
