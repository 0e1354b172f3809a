package dev.fleche.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.fleche.core.FlecheException;
import dev.fleche.core.call.CallKeys;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.digest.Digester;
import dev.fleche.core.lock.Lock;
import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.support.LockServices;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.memory.MemoryStorage;

/**
 * Interrupts around a miss: a caller interrupted while it waits for the key's lock stripe, a
 * leader interrupted while its followers wait for it, a function that throws
 * {@link InterruptedException} itself.
 */
class CallCacheInterruptTest {

	private static final String FUNCTION = "test#interrupt";

	private final LockService locks = LockServices.local();

	private final CallStorage calls = MemoryStorage.calls();

	private final CallCache cache = CallCache.builder(MemoryStorage.values(), this.calls)
		.lockService(this.locks)
		.build();

	@AfterEach
	void close() {
		this.locks.close();
	}

	private static CallSpec spec(int a) {
		Map<String, Object> arguments = new LinkedHashMap<>();
		arguments.put("a", a);
		return new CallSpec(FUNCTION, "1", arguments, String.class);
	}

	private Lock stripe(int a) {
		Map<String, Digest> arguments = new LinkedHashMap<>();
		arguments.put("a", Digester.standard().digest(a));
		return this.locks.lock(CacheLocks.name(CallKeys.key(FUNCTION, "1", arguments)));
	}

	/** A thread making the call; what it returned or threw, and whether it kept an interrupt. */
	private final class Caller extends Thread {

		final AtomicReference<Object> result = new AtomicReference<>();

		final AtomicReference<Throwable> failure = new AtomicReference<>();

		final AtomicBoolean interruptedAfter = new AtomicBoolean();

		private final int a;

		private final Invocation invocation;

		Caller(int a, Invocation invocation) {
			this.a = a;
			this.invocation = invocation;
		}

		@Override
		public void run() {
			try {
				this.result.set(CallCacheInterruptTest.this.cache.call(spec(this.a), this.invocation));
			}
			catch (Throwable ex) {
				this.failure.set(ex);
			}
			this.interruptedAfter.set(Thread.currentThread().isInterrupted());
		}

		Caller started() {
			start();
			await().atMost(Duration.ofSeconds(10)).until(() -> getState() == State.WAITING
					|| getState() == State.TIMED_WAITING);
			return this;
		}

		void finish() throws InterruptedException {
			join(10_000);
			assertThat(isAlive()).as("caller still running").isFalse();
		}

	}

	@Test
	void aCallerInterruptedWhileWaitingForTheStripeFailsUncheckedAndKeepsItsInterrupt() throws Throwable {
		AtomicInteger runs = new AtomicInteger();
		Caller caller;
		try (LockHandle held = stripe(1).acquire()) {
			caller = new Caller(1, () -> "r" + runs.incrementAndGet()).started();
			caller.interrupt();
			caller.finish();
		}
		assertThat(caller.failure.get()).isInstanceOf(FlecheException.class)
			.hasMessageContaining(FUNCTION)
			.hasCauseInstanceOf(InterruptedException.class);
		assertThat(caller.interruptedAfter).isTrue();
		assertThat(runs).hasValue(0);
		assertThat(this.calls.list()).isEmpty();
		assertThat(stripe(1).isLocked()).isFalse();
		assertThat(this.cache.call(spec(1), () -> "r" + runs.incrementAndGet())).isEqualTo("r1");
	}

	@Test
	void followersOfALeaderInterruptedAtTheStripeAreNotFailedByItAndComputeOnce() throws Exception {
		AtomicInteger runs = new AtomicInteger();
		Invocation invocation = () -> "r" + runs.incrementAndGet();
		Caller leader;
		Caller follower;
		try (LockHandle held = stripe(2).acquire()) {
			leader = new Caller(2, invocation).started();
			follower = new Caller(2, invocation).started();
			leader.interrupt();
			leader.finish();
			assertThat(leader.failure.get()).isInstanceOf(FlecheException.class);
			assertThat(follower.isAlive()).isTrue();
		}
		follower.finish();
		assertThat(follower.failure.get()).isNull();
		assertThat(follower.result.get()).isEqualTo("r1");
		assertThat(follower.interruptedAfter).isFalse();
		assertThat(runs).hasValue(1);
	}

	@Test
	void aFunctionThrowingInterruptedExceptionReachesItsCallerUnchangedAndFollowersComputeThemselves()
			throws Exception {
		CountDownLatch running = new CountDownLatch(1);
		AtomicInteger runs = new AtomicInteger();
		Caller leader = new Caller(3, () -> {
			running.countDown();
			Thread.sleep(TimeUnit.SECONDS.toMillis(30));
			return "never";
		});
		leader.start();
		assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
		Caller follower = new Caller(3, () -> "r" + runs.incrementAndGet()).started();
		leader.interrupt();
		leader.finish();
		follower.finish();
		assertThat(leader.failure.get()).isInstanceOf(InterruptedException.class);
		assertThat(follower.failure.get()).isNull();
		assertThat(follower.result.get()).isEqualTo("r1");
		assertThat(runs).hasValue(1);
	}

}
