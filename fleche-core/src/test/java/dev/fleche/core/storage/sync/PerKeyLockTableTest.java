package dev.fleche.core.storage.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.junit.jupiter.api.Test;

import dev.fleche.core.digest.Digest;
import dev.fleche.core.digest.Digester;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.storage.memory.MemoryStorage;

class PerKeyLockTableTest {

	private final PerKeyLockTable table = new PerKeyLockTable();

	@Test
	void whileOneKeysWriteLockIsHeldAnotherKeyProceeds() throws Exception {
		ValueStorage storage = LockingStorages.decorate(ValueStorage.class, MemoryStorage.values(), this.table);
		Digest busy = Digester.standard().digest("busy");
		try (LockTable.Held held = this.table.lock(new StorageOperation(Intent.WRITE, List.of(busy)))) {
			Digest other = CompletableFuture.supplyAsync(() -> storage.save("other")).get(10, TimeUnit.SECONDS);
			assertThat(storage.contains(other.hex())).isTrue();
			CompletableFuture<Digest> blocked = CompletableFuture.supplyAsync(() -> storage.save("busy"));
			Thread.sleep(100);
			assertThat(blocked).isNotDone();
			held.close();
			assertThat(blocked.get(10, TimeUnit.SECONDS)).isEqualTo(busy);
		}
	}

	@Test
	void wholeStoreOperationRunsAlone() throws Exception {
		ValueStorage storage = LockingStorages.decorate(ValueStorage.class, MemoryStorage.values(), this.table);
		try (LockTable.Held held = this.table.lock(new StorageOperation(Intent.WRITE, List.of(), true))) {
			CompletableFuture<Digest> save = CompletableFuture.supplyAsync(() -> storage.save("new key"));
			Thread.sleep(100);
			assertThat(save).isNotDone();
			held.close();
			assertThat(save.get(10, TimeUnit.SECONDS)).isNotNull();
		}
	}

	@Test
	void readersOfOneKeyShareItsLock() throws Exception {
		Digest key = Digester.standard().digest("k");
		try (LockTable.Held first = this.table.lock(new StorageOperation(Intent.READ, List.of(key)))) {
			CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
				try (LockTable.Held held = this.table.lock(new StorageOperation(Intent.READ, List.of(key)))) {
					assertThat(held).isNotNull();
				}
			});
			second.get(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void locksAreTakenOnTheNormalizedFullKeyNotThePrefix() throws Exception {
		ValueStorage storage = LockingStorages.decorate(ValueStorage.class, MemoryStorage.values(), this.table);
		Digest key = storage.save("value");
		try (LockTable.Held held = this.table.lock(new StorageOperation(Intent.WRITE, List.of(key)))) {
			CompletableFuture<Object> load = CompletableFuture.supplyAsync(() -> storage.load(key.prefix(6), String.class));
			Thread.sleep(100);
			assertThat(load).isNotDone();
			held.close();
			assertThat(load.get(10, TimeUnit.SECONDS)).isEqualTo("value");
		}
	}

	@Test
	void idleKeyLockIsGarbageCollected() {
		Digest key = Digester.standard().digest("idle");
		WeakReference<ReentrantReadWriteLock> ref = new WeakReference<>(this.table.lockOf(key));
		this.table.lock(new StorageOperation(Intent.WRITE, List.of(key))).close();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			System.gc();
			assertThat(ref.get()).isNull();
			assertThat(this.table.size()).isZero();
		});
	}

	@Test
	void heldKeyLockIsNotCollected() {
		Digest key = Digester.standard().digest("held");
		try (LockTable.Held held = this.table.lock(new StorageOperation(Intent.WRITE, List.of(key)))) {
			for (int i = 0; i < 3; i++) {
				System.gc();
			}
			assertThat(this.table.lockOf(key).isWriteLockedByCurrentThread()).isTrue();
		}
	}

	@Test
	void operationsResolveIntentAndSortedKeys() throws Exception {
		ValueStorage storage = MemoryStorage.values();
		Digest a = storage.save("a");
		Digest b = storage.save("b");
		StorageOperation load = StorageOperations.resolve(ValueStorage.class.getMethod("load", String.class, Class.class),
				new Object[] { a.prefix(6), String.class }, storage);
		assertThat(load).isEqualTo(new StorageOperation(Intent.READ, List.of(a), false, "load"));
		StorageOperation save = StorageOperations.resolve(ValueStorage.class.getMethod("save", Object.class),
				new Object[] { "a" }, storage);
		assertThat(save).isEqualTo(new StorageOperation(Intent.WRITE, List.of(a), false, "save"));
		StorageOperation shrink = StorageOperations.resolve(
				ValueStorage.class.getMethod("shrink", java.util.Collection.class), new Object[] { List.of(b, a) },
				storage);
		assertThat(shrink.keys()).isSorted().containsExactlyInAnyOrder(a, b);
		StorageOperation evictAbsent = StorageOperations.resolve(ValueStorage.class.getMethod("evict", String.class),
				new Object[] { "f".repeat(64).equals(a.hex()) ? "e".repeat(64) : "f".repeat(64) }, storage);
		assertThat(evictAbsent.intent()).isEqualTo(Intent.WRITE);
		assertThat(StorageOperations.resolve(Object.class.getMethod("toString"), null, storage)).isNull();
	}

}
