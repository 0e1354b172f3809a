package dev.fleche.core.lock.support;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.fleche.core.lock.BoundedSemaphore;
import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.LockTestThreads;
import dev.fleche.core.lock.RLock;
import dev.fleche.core.lock.local.LocalLockBackend;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the service keeps for releases without a handle is dropped when grants end.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DefaultLockServiceTest {

	private final DefaultLockService service = new DefaultLockService(new LocalLockBackend());

	@AfterEach
	void close() {
		this.service.close();
	}

	@Test
	void registryIsEmptyOnceEveryGrantEnds() throws Exception {
		for (int i = 0; i < 20; i++) {
			this.service.lock("lock-" + i).acquire().release();
			RLock rlock = this.service.rlock("rlock-" + i);
			rlock.acquire();
			rlock.acquire().close();
			rlock.release();
		}
		BoundedSemaphore semaphore = this.service.semaphore("semaphore", 2);
		semaphore.acquire();
		LockHandle second = semaphore.acquire();
		try (LockTestThreads threads = new LockTestThreads()) {
			LockTestThreads.result(threads.run(semaphore::release));
		}
		assertThat(second.isHeld()).isTrue();
		second.close();
		LockHandle tagged = this.service.lock("tagged", LockOptions.defaults().withTags("t")).acquire();
		LockHandle leased = this.service.lock("leased", LockOptions.defaults().withLease(Duration.ofMillis(50))).acquire();
		this.service.releaseTagged("t");
		assertThat(leased.leaseLost()).succeedsWithin(Duration.ofSeconds(5));
		assertThat(tagged.leaseLost()).succeedsWithin(Duration.ofSeconds(5));
		assertThat(this.service.registeredHandles()).isZero();
	}

	@Test
	void semaphoreReleasedByAnotherThreadFreesTheOldestPermit() throws Exception {
		BoundedSemaphore semaphore = this.service.semaphore("oldest", 2);
		LockHandle oldest = semaphore.acquire();
		LockHandle newer = semaphore.acquire();
		try (LockTestThreads threads = new LockTestThreads()) {
			LockTestThreads.result(threads.run(semaphore::release));
		}
		assertThat(oldest.isHeld()).isFalse();
		assertThat(newer.isHeld()).isTrue();
		assertThat(semaphore.available()).isEqualTo(1);
		newer.release();
	}

}
