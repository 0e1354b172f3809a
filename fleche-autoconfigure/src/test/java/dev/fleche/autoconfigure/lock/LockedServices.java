package dev.fleche.autoconfigure.lock;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.fleche.annotation.LockKind;
import dev.fleche.annotation.Locked;
import dev.fleche.annotation.OnTimeout;

/**
 * Beans with {@link Locked} methods for the aspect tests.
 */
final class LockedServices {

	private LockedServices() {
	}

	/** A counter that loses updates unless its callers are serialized. */
	static class Counter {

		private int value;

		@Locked(key = "#name", waitTimeout = "20s")
		public void increment(String name) {
			int read = this.value;
			Thread.yield();
			this.value = read + 1;
		}

		int value() {
			return this.value;
		}

	}

	/** Tracks how many callers are inside at once. */
	static class Gauge {

		final AtomicInteger inside = new AtomicInteger();

		final AtomicInteger peak = new AtomicInteger();

		void enter(long millis) {
			int now = this.inside.incrementAndGet();
			this.peak.accumulateAndGet(now, Math::max);
			try {
				Thread.sleep(millis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				this.inside.decrementAndGet();
			}
		}

	}

	static class Documents {

		final Gauge readers = new Gauge();

		final Gauge all = new Gauge();

		Gauge all() {
			return this.all;
		}

		@Locked(name = "doc", key = "#id", kind = LockKind.READ, waitTimeout = "20s")
		public void read(String id) {
			this.readers.enter(0);
			this.all.enter(150);
		}

		@Locked(name = "doc", key = "#id", kind = LockKind.WRITE, waitTimeout = "20s")
		public void write(String id) {
			this.all.enter(50);
		}

	}

	static class Pool {

		final Gauge gauge = new Gauge();

		Gauge gauge() {
			return this.gauge;
		}

		@Locked(kind = LockKind.SEMAPHORE, permits = 3, waitTimeout = "20s")
		public void use() {
			this.gauge.enter(60);
		}

	}

	static class Slow {

		@Locked(name = "slow", key = "'busy'", waitTimeout = "100ms")
		public String hold(long millis) throws InterruptedException {
			Thread.sleep(millis);
			return "held";
		}

		@Locked(name = "slow", key = "'busy'", waitTimeout = "100ms")
		public String throwing() {
			return "ran";
		}

		@Locked(name = "slow", key = "'busy'", waitTimeout = "100ms", onTimeout = OnTimeout.SKIP)
		public Optional<String> skippingOptional() {
			return Optional.of("ran");
		}

		@Locked(name = "slow", key = "'busy'", waitTimeout = "${test.wait:100ms}", onTimeout = OnTimeout.SKIP)
		public String skippingNull() {
			return "ran";
		}

	}

	static class Guarded {

		@Locked(name = "job", waitTimeout = "0s", onTimeout = OnTimeout.SKIP)
		public String tick(CountDownLatch inside, CountDownLatch leave) throws InterruptedException {
			inside.countDown();
			leave.await(10, TimeUnit.SECONDS);
			return "ran";
		}

	}

	static class Upgrading {

		@Locked(name = "doc", key = "#id", kind = LockKind.READ, waitTimeout = "30s")
		public String readThenWrite(Upgrading self, int id) {
			return self.write(id);
		}

		@Locked(name = "doc", key = "#id", kind = LockKind.WRITE, waitTimeout = "30s")
		public String write(int id) {
			return "wrote " + id;
		}

	}

	static class Nested {

		@Locked(name = "nested", kind = LockKind.REENTRANT, waitTimeout = "1s")
		public int outer(Nested self, int depth) {
			return (depth == 0) ? 0 : 1 + self.outer(self, depth - 1);
		}

		@Locked(name = "fifo", kind = LockKind.FIFO, mode = "semaphore:2", waitTimeout = "1s")
		public String fifo() {
			return "fifo";
		}

		@Locked(name = "custom", kind = LockKind.FIFO, mode = "exclusiveReader", waitTimeout = "1s")
		public String custom() {
			return "custom";
		}

		@Locked(key = "#item?.id")
		public String nullKey(Item item) {
			return "never";
		}

	}

	record Item(String id) {
	}

	@Locked(name = "typeLevel", waitTimeout = "1s")
	static class TypeLevel {

		public String first() {
			return "first";
		}

	}

	static class BadExpression {

		@Locked(key = "#id +")
		public void broken(String id) {
		}

	}

	static class LeaseShorterThanWait {

		@Locked(waitTimeout = "10s", lease = "1s")
		public void method() {
		}

	}

	static class SkipPrimitive {

		@Locked(onTimeout = OnTimeout.SKIP)
		public int method() {
			return 1;
		}

	}

	static class UnknownMode {

		@Locked(kind = LockKind.FIFO, mode = "sideways")
		public void method() {
		}

	}

}
