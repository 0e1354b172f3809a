package dev.fleche.core.lock.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.fleche.core.lock.IllegalReleaseException;
import dev.fleche.core.lock.Lock;
import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.RLock;
import dev.fleche.core.lock.local.LocalLockBackend;
import dev.fleche.core.lock.spi.KeyQueue;
import dev.fleche.core.lock.spi.Owner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Exclusive slots keep their handle in cached cells: empty cells are swept, held ones never, and
 * a primitive whose cached cell was swept still finds its owner's grant.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HandleRegistryTest {

	private final LocalLockBackend backend = new LocalLockBackend();

	private final DefaultLockService service = new DefaultLockService(this.backend);

	private final HandleRegistry registry = new HandleRegistry();

	@AfterEach
	void close() {
		this.service.close();
	}

	@Test
	void emptyCellsAreSweptAndHeldOnesKept() throws Exception {
		KeyQueue queue = this.backend.queue("held");
		Slot heldSlot = new Slot("lock", "held", "MUTEX", true);
		GrantHandle held = handle(queue, heldSlot);
		this.registry.add(held, this.registry.cell(heldSlot, null));
		for (int i = 0; i < 1000; i++) {
			Slot slot = new Slot("lock", "idle-" + i, "MUTEX", true);
			KeyQueue idleQueue = this.backend.queue("idle-" + i);
			GrantHandle handle = handle(idleQueue, slot);
			this.registry.add(handle, this.registry.cell(slot, null));
			handle.close();
		}
		assertThat(this.registry.cells()).isLessThan(200);
		assertThat(this.registry.size()).isEqualTo(1);
		assertThat(this.registry.owned(heldSlot, held.owner())).isSameAs(held);
		held.close();
		assertThat(this.registry.size()).isZero();
	}

	@Test
	void primitiveWhoseCellWasSweptStillReleasesWithoutHandle() throws Exception {
		Lock lock = this.service.lock("swept");
		RLock rlock = this.service.rlock("swept-r");
		lock.acquire().close();
		rlock.acquire().close();
		List<Lock> others = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			Lock other = this.service.lock("other-" + i);
			other.acquire().close();
			others.add(other);
		}
		LockHandle handle = lock.acquire();
		rlock.acquire();
		rlock.acquire();
		assertThat(rlock.holdCount()).isEqualTo(2);
		lock.release();
		assertThat(handle.isHeld()).isFalse();
		rlock.release();
		rlock.release();
		assertThat(rlock.isLocked()).isFalse();
		assertThatExceptionOfType(IllegalReleaseException.class).isThrownBy(lock::release);
		assertThat(this.service.registeredHandles()).isZero();
		assertThat(others).hasSize(1000);
	}

	private GrantHandle handle(KeyQueue queue, Slot slot) {
		return new GrantHandle(queue.tryAcquire(LockMode.MUTEX, Owner.current(),
				LockOptions.defaults()), new Listeners(), this.registry, slot, false);
	}

}
