package dev.fleche.core.lock.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.support.LockServices;

/**
 * Fair requests wait behind every earlier request; unfair ones barge in when compatible.
 */
class LocalFairnessTest {

	private final LockService service = LockServices.local();

	@AfterEach
	void close() {
		this.service.close();
	}

	@Test
	void fairReaderWaitsBehindAQueuedWriter() throws Exception {
		try (LockHandle reader = this.service.readWriteLock("doc").read().acquire()) {
			CompletableFuture<LockHandle> writer = this.service.readWriteLock("doc").write().acquireAsync();
			assertThat(this.service.readWriteLock("doc").read().tryAcquire()).isEmpty();
			reader.release();
			writer.get(5, TimeUnit.SECONDS).close();
		}
	}

	@Test
	void unfairReaderBargesPastAQueuedWriter() throws Exception {
		LockOptions unfair = LockOptions.defaults().withFair(false);
		try (LockHandle reader = this.service.readWriteLock("doc", unfair).read().acquire()) {
			CompletableFuture<LockHandle> writer = this.service.readWriteLock("doc").write().acquireAsync();
			try (LockHandle barging = this.service.readWriteLock("doc", unfair).read().tryAcquire().orElseThrow()) {
				assertThat(barging.token()).isGreaterThan(reader.token());
				assertThat(writer).isNotDone();
			}
			reader.release();
			writer.get(5, TimeUnit.SECONDS).close();
		}
	}

	@Test
	void unfairRequestStillQueuesWhenIncompatible() throws Exception {
		LockOptions unfair = LockOptions.defaults().withFair(false);
		try (LockHandle writer = this.service.readWriteLock("doc").write().acquire()) {
			assertThat(this.service.readWriteLock("doc", unfair).read().tryAcquire()).isEmpty();
		}
	}

}
