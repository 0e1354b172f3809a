package dev.fleche.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.fleche.core.call.CallKeys;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.digest.Digester;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.support.LockServices;
import dev.fleche.core.storage.memory.MemoryStorage;

/**
 * Cached functions that call cached functions, under a lock service whose locks are striped: a
 * nested miss whose key shares its caller's stripe, and two threads whose nested misses cross
 * each other's stripes, still finish.
 */
class CallCacheNestingTest {

	private static final String FUNCTION = "test#nested";

	private final LockService locks = LockServices.local();

	private final CallCache cache = CallCache.builder(MemoryStorage.values(), MemoryStorage.calls())
		.lockService(this.locks)
		.build();

	@AfterEach
	void close() {
		this.locks.close();
	}

	private static CallSpec spec(int a) {
		Map<String, Object> arguments = new LinkedHashMap<>();
		arguments.put("a", a);
		return new CallSpec(FUNCTION, "1", arguments, Integer.class);
	}

	private static String stripe(int a) {
		Map<String, Digest> arguments = new LinkedHashMap<>();
		arguments.put("a", Digester.standard().digest(a));
		return CallKeys.key(FUNCTION, "1", arguments).prefix(3);
	}

	/** The first argument from {@code from} on whose key falls in {@code stripe}. */
	private static int sameStripe(String stripe, int from) {
		int a = from;
		while (!stripe(a).equals(stripe)) {
			a++;
		}
		return a;
	}

	@Test
	void aNestedMissInTheCallersStripeDoesNotWaitForItself() throws Exception {
		int outer = 0;
		int inner = sameStripe(stripe(outer), outer + 1);
		AtomicInteger innerRuns = new AtomicInteger();
		CompletableFuture<Object> result = CompletableFuture.supplyAsync(() -> call(outer,
				() -> 1 + (Integer) call(inner, () -> innerRuns.incrementAndGet() * 10)));
		assertThat(result.get(20, TimeUnit.SECONDS)).isEqualTo(11);
		assertThat(call(inner, () -> -1)).isEqualTo(10);
		assertThat(call(outer, () -> -1)).isEqualTo(11);
		assertThat(innerRuns).hasValue(1);
	}

	public CompletableFuture<Integer> future() {
		return CompletableFuture.completedFuture(0);
	}

	@Test
	void anAsynchronousNestedMissInTheCallersStripeStartsWithoutWaiting() throws Exception {
		int outer = 0;
		int inner = sameStripe(stripe(outer), outer + 1);
		Map<String, Object> arguments = new LinkedHashMap<>();
		arguments.put("a", inner);
		CallSpec innerSpec = new CallSpec(FUNCTION, "1", arguments, getClass().getMethod("future").getGenericReturnType());
		CompletableFuture<Object> result = CompletableFuture.supplyAsync(() -> call(outer, () -> {
			CompletableFuture<?> nested = (CompletableFuture<?>) this.cache.call(innerSpec,
					() -> CompletableFuture.completedFuture(5));
			return 1 + (Integer) nested.get(10, TimeUnit.SECONDS);
		}));
		assertThat(result.get(20, TimeUnit.SECONDS)).isEqualTo(6);
	}

	@Test
	void nestedMissesCrossingEachOthersStripesDoNotDeadlock() throws Exception {
		int first = 0;
		int second = sameStripe(stripeOtherThan(stripe(first)), 1);
		int intoSecond = sameStripe(stripe(second), second + 1);
		int intoFirst = sameStripe(stripe(first), first + 1);
		CountDownLatch bothHold = new CountDownLatch(2);
		CompletableFuture<Object> one = CompletableFuture.supplyAsync(() -> call(first, () -> {
			bothHold.countDown();
			bothHold.await(10, TimeUnit.SECONDS);
			return call(intoSecond, () -> 2);
		}));
		CompletableFuture<Object> two = CompletableFuture.supplyAsync(() -> call(second, () -> {
			bothHold.countDown();
			bothHold.await(10, TimeUnit.SECONDS);
			return call(intoFirst, () -> 1);
		}));
		assertThat(one.get(20, TimeUnit.SECONDS)).isEqualTo(2);
		assertThat(two.get(20, TimeUnit.SECONDS)).isEqualTo(1);
	}

	private static String stripeOtherThan(String stripe) {
		int a = 1;
		while (stripe(a).equals(stripe)) {
			a++;
		}
		return stripe(a);
	}

	private Object call(int a, Invocation invocation) {
		try {
			return this.cache.call(spec(a), invocation);
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

}
