package dev.fleche.core.cache.expiry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.fleche.core.cache.CachedCalls;
import dev.fleche.core.cache.CallCache;
import dev.fleche.core.cache.CallSpec;
import dev.fleche.core.call.Call;
import dev.fleche.core.call.CallTemplate;
import dev.fleche.core.storage.KeyNotFoundException;
import dev.fleche.core.testing.Stores;
import dev.fleche.core.testing.TickingClock;

class CallCacheExpiryTest {

	private static final Duration TTL = Duration.ofDays(7);

	private final TickingClock clock = new TickingClock();

	private final Stores stores = new Stores();

	private final AtomicInteger runs = new AtomicInteger();

	@TempDir
	Path directory;

	@AfterEach
	void close() {
		this.stores.close();
	}

	private static CallSpec spec(int a, Duration expireAfter) {
		return new CallSpec("test#expiring", "1", Map.of("a", a), String.class, expireAfter);
	}

	private Object call(CallCache cache, int a, Duration expireAfter) throws Throwable {
		return cache.call(spec(a, expireAfter), () -> "run-" + this.runs.incrementAndGet());
	}

	@ParameterizedTest
	@ValueSource(strings = { "memory", "file", "sqlite" })
	void anExpiredCallMissesAndIsRecomputed(String backend) throws Throwable {
		Stores.Pair store = this.stores.open(backend, this.directory);
		CallCache cache = CallCache.builder(store.values(), store.calls()).clock(this.clock).build();
		assertThat(call(cache, 1, TTL)).isEqualTo("run-1");
		this.clock.advance(TTL.minusMillis(1));
		assertThat(call(cache, 1, TTL)).isEqualTo("run-1");
		this.clock.advance(Duration.ofMillis(1));
		assertThat(call(cache, 1, TTL)).isEqualTo("run-2");
		assertThat(call(cache, 1, TTL)).isEqualTo("run-2");
		assertThat(this.runs).hasValue(2);
	}

	@ParameterizedTest
	@ValueSource(strings = { "memory", "file", "sqlite" })
	void expiryTimeIsQueryableMetadataAndExpiredCallsAreHiddenUntilSwept(String backend) throws Throwable {
		Stores.Pair store = this.stores.open(backend, this.directory);
		CallCache cache = CallCache.builder(store.values(), store.calls()).clock(this.clock).build();
		Instant start = this.clock.instant();
		call(cache, 1, TTL);
		call(cache, 2, Duration.ofHours(1));
		cache.call(new CallSpec("test#forever", "1", Map.of("a", 3), String.class), () -> "kept");
		Call expiring = store.calls().query(CallTemplate.any().withName("test#expiring").withArgument("a", 1)).get(0);
		assertThat(Expiry.expiresAt(expiring)).isEqualTo(start.plus(TTL));
		assertThat(store.calls().query(Expiry.template())).hasSize(2);
		CachedCalls cached = new CachedCalls(store.calls(), store.values(), this.clock);
		this.clock.advance(Duration.ofHours(2));
		assertThat(cached.query(CallTemplate.any())).extracting(Call::name).containsExactlyInAnyOrder("test#expiring",
				"test#forever");
		Call hour = store.calls().query(CallTemplate.any().withArgument("a", 2)).get(0);
		assertThatThrownBy(() -> cached.load(hour.key().hex())).isInstanceOf(KeyNotFoundException.class);
		assertThat(store.calls().contains(hour.key().hex())).isTrue();
		ExpiringCallStorage expiring2 = (ExpiringCallStorage) ExpiringCallStorage.wrap(store.calls(), this.clock);
		assertThat(expiring2.contains(hour.key().hex())).isFalse();
		assertThat(expiring2.sweep()).isEqualTo(1);
		assertThat(store.calls().contains(hour.key().hex())).isFalse();
		assertThat(store.calls().list()).hasSize(2);
	}

	@ParameterizedTest
	@ValueSource(strings = { "memory", "sqlite" })
	void aStoredExpiryHoldsEvenWhenTheFunctionNoLongerExpires(String backend) throws Throwable {
		Stores.Pair store = this.stores.open(backend, this.directory);
		CallCache cache = CallCache.builder(store.values(), store.calls()).clock(this.clock).build();
		call(cache, 1, Duration.ofMinutes(5));
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(call(cache, 1, null)).isEqualTo("run-2");
		this.clock.advance(Duration.ofDays(365));
		assertThat(call(cache, 1, null)).isEqualTo("run-2");
	}

	@org.junit.jupiter.api.Test
	void aNonPositiveExpiryIsRefused() {
		assertThatThrownBy(() -> spec(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("test#expiring");
	}

	@ParameterizedTest
	@ValueSource(strings = { "memory", "sqlite" })
	void anExpiryWrittenByAnotherProcessIsSeenWithinAMinute(String backend) throws Throwable {
		Stores.Pair store = this.stores.open(backend, this.directory);
		CallCache cache = CallCache.builder(store.values(), store.calls()).clock(this.clock).build();
		call(cache, 1, null);
		assertThat(call(cache, 1, null)).isEqualTo("run-1");
		Call stored = store.calls().load(store.calls().list().get(0).hex());
		store.calls().save(stored.withMetadata(Expiry.NAMESPACE, Expiry.metadata(this.clock.instant(), Duration.ofSeconds(30))));
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(call(cache, 1, null)).as("the learned expiry is trusted for a minute").isEqualTo("run-1");
		this.clock.advance(ExpiryIndex.TRUST);
		assertThat(call(cache, 1, null)).isEqualTo("run-2");
	}

	@org.junit.jupiter.api.Test
	void aHitReadsOnlyTheResultDigestOnceTheExpiryIsKnown() throws Throwable {
		dev.fleche.core.storage.CallStorage memory = dev.fleche.core.storage.memory.MemoryStorage.calls();
		AtomicInteger loads = new AtomicInteger();
		AtomicInteger results = new AtomicInteger();
		dev.fleche.core.storage.CallStorage counting = (dev.fleche.core.storage.CallStorage) java.lang.reflect.Proxy
			.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { dev.fleche.core.storage.CallStorage.class },
					(proxy, method, args) -> {
						if (method.getName().equals("load")) {
							loads.incrementAndGet();
						}
						if (method.getName().equals("result")) {
							results.incrementAndGet();
						}
						try {
							return method.invoke(memory, args);
						}
						catch (java.lang.reflect.InvocationTargetException ex) {
							throw ex.getCause();
						}
					});
		CallCache cache = CallCache.builder(dev.fleche.core.storage.memory.MemoryStorage.values(), counting)
			.clock(this.clock)
			.build();
		call(cache, 1, TTL);
		int loadsAfterMiss = loads.get();
		for (int i = 0; i < 10; i++) {
			assertThat(call(cache, 1, TTL)).isEqualTo("run-1");
		}
		assertThat(loads.get()).isEqualTo(loadsAfterMiss);
		assertThat(results.get()).isGreaterThanOrEqualTo(10);
	}

}
