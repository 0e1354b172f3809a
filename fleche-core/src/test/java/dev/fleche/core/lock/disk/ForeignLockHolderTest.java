package dev.fleche.core.lock.disk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import dev.fleche.core.lock.Lock;
import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.support.LockServices;

/**
 * A process that is not Fleche (another user, a stray tool) holds a record lock on a lock file:
 * a timed acquire still returns by its deadline, and the key works again once that process is
 * gone.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ForeignLockHolderTest {

	@TempDir
	Path dir;

	private LockService locks;

	private Process foreign;

	@BeforeEach
	void open() {
		this.locks = LockServices.create(DiskLockBackend.open(this.dir.resolve("locks")));
	}

	@AfterEach
	void close() throws Exception {
		if (this.foreign != null) {
			this.foreign.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		this.locks.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "shared", "exclusive" })
	void timedAcquireReturnsByItsDeadlineAgainstAForeignRecordLock(String kind) throws Exception {
		Lock lock = this.locks.lock("report");
		lock.acquire().close();
		Path file = this.dir.resolve("locks").resolve(LockDirectory.fileName("report"));
		assertThat(file).exists();
		Path ready = this.dir.resolve("ready");
		this.foreign = new ProcessBuilder(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
				"-Xmx32m", "-cp", System.getProperty("java.class.path"), ForeignRecordLocker.class.getName(),
				file.toString(), ready.toString(), kind)
			.redirectErrorStream(true)
			.redirectOutput(this.dir.resolve("foreign.log").toFile())
			.start();
		long waitStart = System.nanoTime();
		while (!Files.exists(ready)) {
			assertThat(this.foreign.isAlive()).as("foreign locker runs: %s", log()).isTrue();
			assertThat(System.nanoTime() - waitStart).isLessThan(TimeUnit.SECONDS.toNanos(30));
			Thread.sleep(20);
		}

		for (int i = 0; i < 3; i++) {
			long start = System.nanoTime();
			Optional<LockHandle> handle = lock.tryAcquire(Duration.ofMillis(200));
			long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			assertThat(handle).isEmpty();
			assertThat(tookMillis).as("tryAcquire(200ms) took %d ms", tookMillis).isLessThan(1000);
			start = System.nanoTime();
			assertThat(lock.tryAcquire()).isEmpty();
			assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1000);
		}

		this.foreign.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		Optional<LockHandle> after = lock.tryAcquire(Duration.ofSeconds(10));
		assertThat(after).isPresent();
		after.get().close();
		assertThat(this.locks.lock("report").tryAcquire()).isPresent().get().satisfies(LockHandle::close);
	}

	private String log() throws Exception {
		Path log = this.dir.resolve("foreign.log");
		return Files.exists(log) ? Files.readString(log) : "";
	}

}
