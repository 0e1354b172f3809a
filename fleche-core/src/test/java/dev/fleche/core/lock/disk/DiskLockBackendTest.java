package dev.fleche.core.lock.disk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fleche.core.lock.LockException;
import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.spi.Grant;
import dev.fleche.core.lock.spi.KeyQueue;
import dev.fleche.core.lock.spi.Owner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The disk backend's SPI within one JVM.
 */
class DiskLockBackendTest {

	@TempDir
	Path dir;

	private DiskLockBackend backend;

	@BeforeEach
	void open() {
		this.backend = DiskLockBackend.open(this.dir);
	}

	@AfterEach
	void close() {
		this.backend.close();
	}

	private static Owner owner(long thread) {
		return new Owner(Owner.currentPid(), thread);
	}

	@Test
	void tryAcquireGrantsOnceAndReleaseFreesIt() {
		KeyQueue queue = this.backend.queue("a key/with:odd chars");
		Grant grant = queue.tryAcquire(LockMode.MUTEX, owner(1), LockOptions.defaults());
		assertThat(grant).isNotNull();
		assertThat(grant.isHeld()).isTrue();
		assertThat(queue.held().count(LockMode.MUTEX)).isEqualTo(1);
		assertThat(queue.tryAcquire(LockMode.MUTEX, owner(2), LockOptions.defaults())).isNull();
		assertThat(grant.release()).isTrue();
		assertThat(grant.release()).isFalse();
		assertThat(grant.isHeld()).isFalse();
		assertThat(queue.held().total()).isZero();
		assertThat(this.dir.resolve(LockDirectory.fileName("a key/with:odd chars"))).exists();
	}

	@Test
	void enqueuedRequestIsGrantedOnRelease() throws Exception {
		KeyQueue queue = this.backend.queue("k");
		Grant first = queue.tryAcquire(LockMode.MUTEX, owner(1), LockOptions.defaults());
		CompletableFuture<Grant> second = queue.enqueue(LockMode.MUTEX, owner(2), LockOptions.defaults());
		assertThat(second).isNotDone();
		assertThat(queue.queueLength()).isEqualTo(1);
		first.release();
		Grant granted = second.get(5, TimeUnit.SECONDS);
		assertThat(granted.token()).isGreaterThan(first.token());
		assertThat(queue.queueLength()).isZero();
		granted.release();
	}

	@Test
	void grantsInArrivalOrderAndReadersAfterAWriterWait() throws Exception {
		KeyQueue queue = this.backend.queue("rw");
		Grant reader = queue.tryAcquire(LockMode.READ, owner(1), LockOptions.defaults());
		CompletableFuture<Grant> writer = queue.enqueue(LockMode.WRITE, owner(2), LockOptions.defaults());
		CompletableFuture<Grant> lateReader1 = queue.enqueue(LockMode.READ, owner(3), LockOptions.defaults());
		CompletableFuture<Grant> lateReader2 = queue.enqueue(LockMode.READ, owner(4), LockOptions.defaults());
		assertThat(queue.tryAcquire(LockMode.READ, owner(5), LockOptions.defaults())).isNull();
		assertThat(writer).isNotDone();
		assertThat(lateReader1).isNotDone();
		reader.release();
		Grant write = writer.get(5, TimeUnit.SECONDS);
		assertThat(lateReader1).isNotDone();
		write.release();
		Grant read1 = lateReader1.get(5, TimeUnit.SECONDS);
		Grant read2 = lateReader2.get(5, TimeUnit.SECONDS);
		assertThat(queue.held().count(LockMode.READ)).isEqualTo(2);
		assertThat(List.of(reader.token(), write.token(), read1.token(), read2.token())).isSorted();
		read1.release();
		read2.release();
	}

	@Test
	void semaphoreLetsExactlyItsPermitsIn() {
		KeyQueue queue = this.backend.queue("sem");
		LockMode three = LockMode.semaphore(3);
		List<Grant> grants = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			grants.add(queue.tryAcquire(three, owner(i), LockOptions.defaults()));
		}
		assertThat(grants).doesNotContainNull();
		assertThat(queue.tryAcquire(three, owner(9), LockOptions.defaults())).isNull();
		CompletableFuture<Grant> fourth = queue.enqueue(three, owner(9), LockOptions.defaults());
		grants.get(1).release();
		await().atMost(Duration.ofSeconds(5)).until(fourth::isDone);
		assertThat(queue.held().count(three)).isEqualTo(3);
	}

	@Test
	void cancelledWaiterLetsThoseBehindItThrough() throws Exception {
		KeyQueue queue = this.backend.queue("cancel");
		Grant holder = queue.tryAcquire(LockMode.READ, owner(1), LockOptions.defaults());
		CompletableFuture<Grant> writer = queue.enqueue(LockMode.WRITE, owner(2), LockOptions.defaults());
		CompletableFuture<Grant> reader = queue.enqueue(LockMode.READ, owner(3), LockOptions.defaults());
		assertThat(reader).isNotDone();
		writer.cancel(false);
		Grant read = reader.get(5, TimeUnit.SECONDS);
		assertThat(queue.held().count(LockMode.READ)).isEqualTo(2);
		assertThat(queue.queueLength()).isZero();
		read.release();
		holder.release();
	}

	@Test
	void leaseExpiryTakesTheGrantAwayAndTellsTheHolder() throws Exception {
		KeyQueue queue = this.backend.queue("lease");
		Grant leased = queue.tryAcquire(LockMode.MUTEX, owner(1), LockOptions.defaults().withLease(Duration.ofMillis(150)));
		assertThat(leased.leaseExpiresAt()).isPresent();
		CompletableFuture<Grant> next = queue.enqueue(LockMode.MUTEX, owner(2), LockOptions.defaults());
		Grant granted = next.get(5, TimeUnit.SECONDS);
		assertThat(leased.lost()).isCompletedWithValue(leased);
		assertThat(leased.isHeld()).isFalse();
		assertThat(leased.release()).isFalse();
		assertThat(granted.token()).isGreaterThan(leased.token());
		granted.release();
	}

	@Test
	void releaseTaggedTakesAwayTaggedGrants() {
		KeyQueue queue = this.backend.queue("tagged");
		Grant grant = queue.tryAcquire(LockMode.READ, owner(1), LockOptions.defaults().withTags("batch"));
		Grant other = queue.tryAcquire(LockMode.READ, owner(2), LockOptions.defaults());
		assertThat(queue.state().tags()).containsExactly("batch");
		assertThat(this.backend.releaseTagged("batch")).isEqualTo(1);
		assertThat(grant.lost()).isCompleted();
		assertThat(grant.isHeld()).isFalse();
		assertThat(other.isHeld()).isTrue();
		assertThat(queue.held().total()).isEqualTo(1);
	}

	@Test
	void tokensKeepIncreasingAcrossReopen() {
		long last = 0;
		for (int round = 0; round < 3; round++) {
			KeyQueue queue = this.backend.queue("tokens");
			for (int i = 0; i < 5; i++) {
				Grant grant = queue.tryAcquire(LockMode.MUTEX, owner(1), LockOptions.defaults());
				assertThat(grant.token()).isGreaterThan(last);
				last = grant.token();
				grant.release();
			}
			assertThat(queue.state().lastToken()).isEqualTo(last);
			this.backend.close();
			this.backend = DiskLockBackend.open(this.dir);
		}
	}

	@Test
	void averagerAddsGetsAndPops() {
		assertThat(this.backend.averageGet("avg")).isEmpty();
		for (int i = 1; i <= 10; i++) {
			this.backend.averageAdd("avg", i);
		}
		assertThat(this.backend.averageGet("avg")).hasValue(5.5);
		assertThat(this.backend.averagePop("avg")).hasValue(5.5);
		assertThat(this.backend.averageGet("avg")).isEmpty();
	}

	@Test
	void interruptedCallerDoesNotCloseTheFile() throws Exception {
		KeyQueue queue = this.backend.queue("interrupt");
		Thread.currentThread().interrupt();
		Grant grant;
		try {
			grant = queue.tryAcquire(LockMode.MUTEX, owner(1), LockOptions.defaults());
			assertThat(grant.release()).isTrue();
		}
		finally {
			assertThat(Thread.interrupted()).isTrue();
		}
		Grant again = queue.tryAcquire(LockMode.MUTEX, owner(1), LockOptions.defaults());
		assertThat(again.token()).isGreaterThan(grant.token());
		again.release();
	}

	@Test
	void statesListKeysAndHolders() {
		Grant grant = this.backend.queue("listed").tryAcquire(LockMode.WRITE, owner(7), LockOptions.defaults());
		assertThat(this.backend.states()).anySatisfy(state -> {
			assertThat(state.key()).isEqualTo("listed");
			assertThat(state.backend()).isEqualTo("disk");
			assertThat(state.holders()).singleElement()
				.satisfies(holder -> assertThat(holder.owner()).isEqualTo(Owner.currentPid() + "/7"));
		});
		grant.release();
	}

	@Test
	void corruptFileIsReportedWithItsName() throws Exception {
		Path file = this.dir.resolve(LockDirectory.fileName("corrupt"));
		Files.write(file, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 });
		assertThatThrownBy(() -> this.backend.queue("corrupt").held()).isInstanceOf(DiskLockException.class)
			.hasMessageContaining(file.getFileName().toString())
			.hasMessageContaining("corrupt");
	}

	@Test
	void badKeyAndBadDirectoryAreReportedByName() throws Exception {
		String longKey = "k".repeat(5000);
		assertThatThrownBy(() -> this.backend.queue(longKey)).isInstanceOf(LockException.class)
			.hasMessageContaining("at most");
		Path file = Files.writeString(this.dir.resolve("not-a-directory"), "x");
		assertThatThrownBy(() -> DiskLockBackend.open(file.resolve("locks"))).isInstanceOf(LockException.class)
			.hasMessageContaining(file.toString());
	}

	@Test
	void aModeWhoseRuleThrowsFailsOnlyItsOwnRequest() throws Exception {
		KeyQueue queue = this.backend.queue("throwing");
		LockMode broken = LockMode.of("broken", held -> {
			if (held.total() == 0) {
				throw new IllegalStateException("broken rule");
			}
			return false;
		});
		Grant holder = queue.tryAcquire(LockMode.MUTEX, owner(1), LockOptions.defaults());
		CompletableFuture<Grant> failing = queue.enqueue(broken, owner(2), LockOptions.defaults());
		CompletableFuture<Grant> behind = queue.enqueue(LockMode.MUTEX, owner(3), LockOptions.defaults());
		assertThat(holder.release()).isTrue();
		assertThatThrownBy(() -> failing.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(LockException.class)
			.hasMessageContaining("broken");
		Grant granted = behind.get(5, TimeUnit.SECONDS);
		assertThat(queue.queueLength()).isZero();
		assertThatThrownBy(() -> this.backend.queue("throwing-now").tryAcquire(broken, owner(4), LockOptions.defaults()))
			.isInstanceOf(LockException.class);
		granted.release();
	}

	@Test
	void grantsToManyThreadsInOrder() throws Exception {
		KeyQueue queue = this.backend.queue("order");
		Grant holder = queue.tryAcquire(LockMode.MUTEX, owner(0), LockOptions.defaults());
		List<Long> order = new CopyOnWriteArrayList<>();
		List<CompletableFuture<Grant>> futures = new ArrayList<>();
		for (int i = 1; i <= 20; i++) {
			CompletableFuture<Grant> future = queue.enqueue(LockMode.MUTEX, owner(i), LockOptions.defaults());
			future.thenAccept(grant -> {
				order.add(grant.owner().threadId());
				grant.release();
			});
			futures.add(future);
		}
		holder.release();
		CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
		await().atMost(Duration.ofSeconds(5)).until(() -> order.size() == 20);
		assertThat(order).isSorted();
	}

	@Test
	void idleKeysAreClosedAndReopenedWhileHeldKeysStayOpen() {
		KeyQueue held = this.backend.queue("held");
		Grant grant = held.tryAcquire(LockMode.MUTEX, owner(1), LockOptions.defaults());
		for (int i = 0; i < LockDirectory.MAX_OPEN_FILES + 50; i++) {
			KeyQueue queue = this.backend.queue("idle-" + i);
			queue.tryAcquire(LockMode.MUTEX, owner(1), LockOptions.defaults()).release();
		}
		assertThat(this.backend.states()).hasSizeLessThanOrEqualTo(LockDirectory.MAX_OPEN_FILES + 1);
		assertThat(grant.isHeld()).isTrue();
		assertThat(held.tryAcquire(LockMode.MUTEX, owner(2), LockOptions.defaults())).isNull();
		Grant again = this.backend.queue("idle-0").tryAcquire(LockMode.MUTEX, owner(1), LockOptions.defaults());
		assertThat(again.token()).isEqualTo(2);
		again.release();
		assertThat(grant.release()).isTrue();
	}

}
