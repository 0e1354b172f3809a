package dev.fleche.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.fleche.core.call.Call;
import dev.fleche.core.call.CallTemplate;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.storage.memory.MemoryStorage;

class CallCacheTest {

	public record Row(String name, int amount) {
	}

	private final ValueStorage values = MemoryStorage.values();

	private final CallStorage calls = MemoryStorage.calls();

	private final CountingListener counts = new CountingListener();

	private final CallCache cache = CallCache.builder(this.values, this.calls).listener(this.counts).build();

	public List<Row> rows() {
		return List.of();
	}

	public CompletableFuture<List<Row>> futureRows() {
		return null;
	}

	private static CallSpec spec(String version, Object a, Type type) {
		Map<String, Object> arguments = new LinkedHashMap<>();
		arguments.put("a", a);
		return new CallSpec("test#f", version, arguments, type);
	}

	@Test
	void missRunsAndStoresThenHitReturnsStoredResult() throws Throwable {
		AtomicInteger runs = new AtomicInteger();
		Invocation invocation = () -> "result-" + runs.incrementAndGet();
		assertThat(this.cache.call(spec("1", 7, String.class), invocation)).isEqualTo("result-1");
		assertThat(this.cache.call(spec("1", 7, String.class), invocation)).isEqualTo("result-1");
		assertThat(runs).hasValue(1);
		assertThat(this.counts.hits).hasValue(1);
		assertThat(this.counts.misses).hasValue(1);
		Call call = this.calls.query(CallTemplate.any().withName("test#f")).get(0);
		assertThat(call.version()).isEqualTo("1");
		assertThat(call.arguments()).containsKey("a");
		assertThat(call.metadata().get("fleche").get("durationNanos").asLong()).isNotNegative();
		assertThat(call.metadata().get("fleche").has("host")).isTrue();
		assertThat(call.metadata().get("fleche").has("createdAt")).isTrue();
		assertThat(this.values.load(call.arguments().get("a").hex(), Integer.class)).isEqualTo(7);
	}

	@Test
	void otherArgumentsAndNewVersionMiss() throws Throwable {
		AtomicInteger runs = new AtomicInteger();
		Invocation invocation = () -> runs.incrementAndGet();
		this.cache.call(spec("1", 7, Integer.class), invocation);
		this.cache.call(spec("1", 8, Integer.class), invocation);
		this.cache.call(spec("2", 7, Integer.class), invocation);
		this.cache.call(spec("2", 7, Integer.class), invocation);
		assertThat(runs).hasValue(3);
	}

	@Test
	void exceptionsAreNotCached() throws Throwable {
		AtomicInteger runs = new AtomicInteger();
		Invocation failing = () -> {
			runs.incrementAndGet();
			throw new IllegalStateException("boom");
		};
		assertThatThrownBy(() -> this.cache.call(spec("1", 1, String.class), failing))
			.isInstanceOf(IllegalStateException.class)
			.hasMessage("boom");
		assertThatThrownBy(() -> this.cache.call(spec("1", 1, String.class), failing))
			.isInstanceOf(IllegalStateException.class);
		assertThat(runs).hasValue(2);
		assertThat(this.calls.list()).isEmpty();
	}

	@Test
	void nullResultIsCached() throws Throwable {
		AtomicInteger runs = new AtomicInteger();
		Invocation invocation = () -> {
			runs.incrementAndGet();
			return null;
		};
		assertThat(this.cache.call(spec("1", 1, String.class), invocation)).isNull();
		assertThat(this.cache.call(spec("1", 1, String.class), invocation)).isNull();
		assertThat(runs).hasValue(1);
	}

	@Test
	void genericListOfRecordsRoundTrips() throws Throwable {
		Type type = getClass().getMethod("rows").getGenericReturnType();
		List<Row> rows = List.of(new Row("a", 1), new Row("b", 2));
		this.cache.call(spec("1", 1, type), () -> rows);
		Object hit = this.cache.call(spec("1", 1, type), () -> List.of());
		assertThat(hit).isEqualTo(rows);
		assertThat(((List<?>) hit).get(0)).isInstanceOf(Row.class);
	}

	@Test
	void futuresAreStoredOnceCompletedAndFailuresAreNot() throws Throwable {
		Type type = getClass().getMethod("futureRows").getGenericReturnType();
		CompletableFuture<List<Row>> pending = new CompletableFuture<>();
		Object first = this.cache.call(spec("1", 1, type), () -> pending);
		assertThat(first).isInstanceOf(CompletableFuture.class);
		assertThat(this.calls.list()).isEmpty();
		pending.complete(List.of(new Row("x", 3)));
		assertThat(((CompletableFuture<?>) first).get(5, TimeUnit.SECONDS)).isEqualTo(List.of(new Row("x", 3)));
		Object hit = this.cache.call(spec("1", 1, type), () -> CompletableFuture.failedFuture(new AssertionError()));
		assertThat(((CompletableFuture<?>) hit).get(5, TimeUnit.SECONDS)).isEqualTo(List.of(new Row("x", 3)));

		Object failed = this.cache.call(spec("1", 2, type),
				() -> CompletableFuture.failedFuture(new IllegalStateException("nope")));
		assertThatThrownBy(() -> ((CompletableFuture<?>) failed).get(5, TimeUnit.SECONDS))
			.hasCauseInstanceOf(IllegalStateException.class);
		assertThat(this.calls.list()).hasSize(1);
	}

	@Test
	void corruptStoredResultRunsTheMethodAndStoresAgain() throws Throwable {
		AtomicInteger runs = new AtomicInteger();
		this.cache.call(spec("1", 1, Integer.class), () -> 41 + runs.incrementAndGet() - 1);
		Call call = this.calls.list().stream().map(key -> this.calls.load(key.hex())).findFirst().orElseThrow();
		this.values.save("not a number", call.result());
		assertThat(this.cache.call(spec("1", 1, Integer.class), () -> 41 + runs.incrementAndGet() - 1)).isEqualTo(42);
		assertThat(this.counts.errors).hasValue(1);
		assertThat(this.cache.call(spec("1", 1, Integer.class), () -> -1)).isEqualTo(42);
	}

	@Test
	void unwritableResultIsStillReturned() throws Throwable {
		Object unserializable = new Object() {
			@SuppressWarnings("unused")
			public Object getSelf() {
				return this;
			}
		};
		assertThat(this.cache.call(spec("1", 1, Object.class), () -> unserializable)).isSameAs(unserializable);
		assertThat(this.counts.errors).hasValue(1);
		assertThat(this.calls.list()).isEmpty();
	}

	/** A plain bean argument, neither record nor Digestible. */
	public static final class Query {

		private final String region;

		Query(String region) {
			this.region = region;
		}

		public String getRegion() {
			return this.region;
		}

	}

	@Test
	void beanArgumentsAreKeyedByTheirProperties() throws Throwable {
		AtomicInteger runs = new AtomicInteger();
		this.cache.call(spec("1", new Query("north"), String.class), () -> "r" + runs.incrementAndGet());
		assertThat(this.cache.call(spec("1", new Query("north"), String.class), () -> "r" + runs.incrementAndGet()))
			.isEqualTo("r1");
		this.cache.call(spec("1", new Query("south"), String.class), () -> "r" + runs.incrementAndGet());
		assertThat(runs).hasValue(2);
	}

	@Test
	void undigestableArgumentSkipsTheCache() throws Throwable {
		AtomicInteger runs = new AtomicInteger();
		this.cache.call(spec("1", new Object(), String.class), () -> "r" + runs.incrementAndGet());
		this.cache.call(spec("1", new Object(), String.class), () -> "r" + runs.incrementAndGet());
		assertThat(runs).hasValue(2);
		assertThat(this.calls.list()).isEmpty();
	}

	@Test
	void throwingListenerNeverBreaksTheCall() throws Throwable {
		this.cache.addListener(new CallCacheListener() {
			@Override
			public void miss(String function, long computeNanos) {
				throw new IllegalStateException("listener");
			}
		});
		assertThat(this.cache.call(spec("1", 1, String.class), () -> "fine")).isEqualTo("fine");
	}

	@Test
	void cachedCallsExposesTheCallsAsData() throws Throwable {
		this.cache.call(spec("1", 5, Integer.class), () -> 25);
		CachedCalls cached = new CachedCalls(this.calls, this.values);
		List<Call> found = cached.ofFunction("test#f");
		assertThat(found).hasSize(1);
		Digest key = found.get(0).key();
		String prefix = cached.shrink(List.of(key)).get(key);
		assertThat(cached.expand(prefix)).isEqualTo(key);
		assertThat(cached.loadResult(prefix, Integer.class)).isEqualTo(25);
		assertThat(cached.loadValue(found.get(0).arguments().get("a"), Integer.class)).isEqualTo(5);
		cached.evict(prefix);
		assertThat(cached.list()).isEmpty();
	}

	static final class CountingListener implements CallCacheListener {

		final AtomicInteger hits = new AtomicInteger();

		final AtomicInteger misses = new AtomicInteger();

		final AtomicInteger errors = new AtomicInteger();

		@Override
		public void hit(String function) {
			this.hits.incrementAndGet();
		}

		@Override
		public void miss(String function, long computeNanos) {
			this.misses.incrementAndGet();
		}

		@Override
		public void error(String function, Throwable error) {
			this.errors.incrementAndGet();
		}

	}

}
