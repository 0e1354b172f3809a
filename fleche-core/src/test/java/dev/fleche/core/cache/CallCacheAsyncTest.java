package dev.fleche.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.fleche.core.call.CallKeys;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.digest.Digester;
import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.support.LockServices;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.storage.memory.MemoryStorage;

/**
 * Asynchronous and optional return types: {@code CompletionStage}, futures shared by followers and
 * cancelled by one of them, {@code Optional} results, present and empty.
 */
class CallCacheAsyncTest {

	private final ValueStorage values = MemoryStorage.values();

	private final CallStorage calls = MemoryStorage.calls();

	private final CallCache cache = CallCache.builder(this.values, this.calls).build();

	public CompletionStage<String> stage() {
		return CompletableFuture.completedFuture("");
	}

	public CompletableFuture<Integer> future() {
		return CompletableFuture.completedFuture(0);
	}

	public Optional<String> optional() {
		return Optional.empty();
	}

	private Type returnType(String method) throws NoSuchMethodException {
		return getClass().getMethod(method).getGenericReturnType();
	}

	private static CallSpec spec(Object a, Type type) {
		Map<String, Object> arguments = new LinkedHashMap<>();
		arguments.put("a", a);
		return new CallSpec("test#async", "1", arguments, type);
	}

	@Test
	void completionStageMissIsStoredAndHitIsACompletedStage() throws Throwable {
		AtomicInteger runs = new AtomicInteger();
		Type type = returnType("stage");
		Invocation invocation = () -> CompletableFuture.supplyAsync(() -> "v" + runs.incrementAndGet());
		Object first = this.cache.call(spec(1, type), invocation);
		assertThat(first).isInstanceOf(CompletionStage.class);
		assertThat(((CompletionStage<?>) first).toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo("v1");
		Object hit = this.cache.call(spec(1, type), invocation);
		assertThat(hit).isInstanceOf(CompletionStage.class);
		CompletableFuture<?> hitFuture = ((CompletionStage<?>) hit).toCompletableFuture();
		assertThat(hitFuture).isCompleted();
		assertThat(hitFuture.get()).isEqualTo("v1");
		assertThat(runs).hasValue(1);
	}

	@Test
	void concurrentAsyncMissesShareOneComputation() throws Throwable {
		AtomicInteger runs = new AtomicInteger();
		CompletableFuture<Integer> pending = new CompletableFuture<>();
		Invocation invocation = () -> {
			runs.incrementAndGet();
			return pending;
		};
		CompletableFuture<?> leader = (CompletableFuture<?>) this.cache.call(spec(2, returnType("future")), invocation);
		CompletableFuture<?> follower = (CompletableFuture<?>) this.cache.call(spec(2, returnType("future")), invocation);
		assertThat(leader).isNotDone();
		assertThat(follower).isNotDone();
		pending.complete(42);
		assertThat(leader.get(10, TimeUnit.SECONDS)).isEqualTo(42);
		assertThat(follower.get(10, TimeUnit.SECONDS)).isEqualTo(42);
		assertThat(runs).hasValue(1);
		assertThat(this.calls.list()).hasSize(1);
	}

	@Test
	void cancellingAFollowersFutureLeavesTheComputationAndTheOthersAlone() throws Throwable {
		CompletableFuture<Integer> pending = new CompletableFuture<>();
		Type type = returnType("future");
		CompletableFuture<?> leader = (CompletableFuture<?>) this.cache.call(spec(3, type), () -> pending);
		CompletableFuture<?> cancelled = (CompletableFuture<?>) this.cache.call(spec(3, type), () -> pending);
		CompletableFuture<?> other = (CompletableFuture<?>) this.cache.call(spec(3, type), () -> pending);
		assertThat(cancelled.cancel(true)).isTrue();
		assertThat(pending).isNotCancelled();
		pending.complete(7);
		assertThat(leader.get(10, TimeUnit.SECONDS)).isEqualTo(7);
		assertThat(other.get(10, TimeUnit.SECONDS)).isEqualTo(7);
		assertThatThrownBy(cancelled::join).isInstanceOf(CancellationException.class);
		assertThat(this.cache.call(spec(3, type), () -> CompletableFuture.completedFuture(-1)))
			.isInstanceOfSatisfying(CompletableFuture.class, hit -> assertThat(hit.join()).isEqualTo(7));
	}

	@Test
	void cancellingTheLeadersFutureStillStoresTheResultForTheNextCall() throws Throwable {
		CompletableFuture<Integer> pending = new CompletableFuture<>();
		Type type = returnType("future");
		CompletableFuture<?> leader = (CompletableFuture<?>) this.cache.call(spec(4, type), () -> pending);
		leader.cancel(true);
		pending.complete(8);
		assertThat(this.calls.list()).hasSize(1);
		CompletableFuture<?> hit = (CompletableFuture<?>) this.cache.call(spec(4, type),
				() -> CompletableFuture.completedFuture(-1));
		assertThat(hit.get(10, TimeUnit.SECONDS)).isEqualTo(8);
	}

	@Test
	void aCancelledComputationIsNotCachedAndItsFollowersAreTold() throws Throwable {
		CompletableFuture<Integer> pending = new CompletableFuture<>();
		Type type = returnType("future");
		CompletableFuture<?> leader = (CompletableFuture<?>) this.cache.call(spec(5, type), () -> pending);
		CompletableFuture<?> follower = (CompletableFuture<?>) this.cache.call(spec(5, type), () -> pending);
		pending.cancel(true);
		assertThatThrownBy(() -> leader.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
			.hasCauseInstanceOf(CancellationException.class);
		assertThatThrownBy(() -> follower.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
			.hasCauseInstanceOf(CancellationException.class);
		assertThat(this.calls.list()).isEmpty();
		CompletableFuture<?> again = (CompletableFuture<?>) this.cache.call(spec(5, type),
				() -> CompletableFuture.completedFuture(9));
		assertThat(again.get(10, TimeUnit.SECONDS)).isEqualTo(9);
	}

	@Test
	void anInvocationThrowingInsteadOfReturningAFutureFailsTheFutureAndReleasesTheStripe() throws Throwable {
		try (LockService locks = LockServices.local()) {
			CallCache locked = CallCache.builder(this.values, this.calls).lockService(locks).build();
			Type type = returnType("future");
			CompletableFuture<?> failed = (CompletableFuture<?>) locked.call(spec(6, type), () -> {
				throw new IllegalStateException("before any future");
			});
			assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class)
				.hasRootCauseMessage("before any future");
			CompletableFuture<?> next = (CompletableFuture<?>) locked.call(spec(6, type),
					() -> CompletableFuture.completedFuture(6));
			assertThat(next.get(10, TimeUnit.SECONDS)).isEqualTo(6);
			assertThat(locks.lock(CacheLocks.name(this.calls.list().get(0))).isLocked()).isFalse();
		}
	}

	@Test
	void aMissThatWaitedForItsStripeDoesNotRunItsFunctionInsideTheReleasersClose() throws Throwable {
		try (LockService locks = LockServices.local()) {
			CallCache locked = CallCache.builder(this.values, this.calls).lockService(locks).build();
			Map<String, Digest> arguments = new LinkedHashMap<>();
			arguments.put("a", Digester.standard().digest(10));
			LockHandle held = locks.lock(CacheLocks.name(CallKeys.key("test#async", "1", arguments))).acquire();
			CountDownLatch closed = new CountDownLatch(1);
			CompletableFuture<?> result = (CompletableFuture<?>) locked.call(spec(10, returnType("stage")),
					() -> CompletableFuture.completedFuture(closed.await(10, TimeUnit.SECONDS) ? "after close" : "in close"));
			assertThat(result).isNotDone();
			held.close();
			closed.countDown();
			assertThat(result.get(20, TimeUnit.SECONDS)).isEqualTo("after close");
		}
	}

	@Test
	void optionalResultsRoundTripPresentAndEmpty() throws Throwable {
		Type type = returnType("optional");
		AtomicInteger runs = new AtomicInteger();
		this.cache.call(spec("present", type), () -> {
			runs.incrementAndGet();
			return Optional.of("here");
		});
		this.cache.call(spec("empty", type), () -> {
			runs.incrementAndGet();
			return Optional.empty();
		});
		assertThat(this.cache.call(spec("present", type), () -> Optional.of("other"))).isEqualTo(Optional.of("here"));
		assertThat(this.cache.call(spec("empty", type), () -> Optional.of("other"))).isEqualTo(Optional.empty());
		assertThat(runs).hasValue(2);
	}

	@Test
	void optionalArgumentsAreKeyedByTheirContent() throws Throwable {
		AtomicInteger runs = new AtomicInteger();
		Invocation invocation = () -> "r" + runs.incrementAndGet();
		this.cache.call(spec(Optional.of("x"), String.class), invocation);
		assertThat(this.cache.call(spec(Optional.of("x"), String.class), invocation)).isEqualTo("r1");
		assertThat(this.cache.call(spec(Optional.empty(), String.class), invocation)).isEqualTo("r2");
		assertThat(this.cache.call(spec(Optional.of("y"), String.class), invocation)).isEqualTo("r3");
	}

	@Test
	void primitiveReturnTypesHit() throws Throwable {
		AtomicInteger runs = new AtomicInteger();
		this.cache.call(spec(7, int.class), () -> 40 + runs.incrementAndGet());
		assertThat(this.cache.call(spec(7, int.class), () -> -1)).isEqualTo(41);
		this.cache.call(spec(8, boolean.class), () -> runs.incrementAndGet() > 0);
		assertThat(this.cache.call(spec(8, boolean.class), () -> false)).isEqualTo(true);
		assertThat(runs).hasValue(2);
	}

}
