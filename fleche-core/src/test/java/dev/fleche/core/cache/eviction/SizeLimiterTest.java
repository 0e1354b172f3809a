package dev.fleche.core.cache.eviction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.fleche.core.cache.CallCache;
import dev.fleche.core.cache.CallSpec;
import dev.fleche.core.call.Call;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.storage.memory.MemoryStorage;
import dev.fleche.core.testing.Stores;
import dev.fleche.core.testing.TickingClock;

class SizeLimiterTest {

	private static final long LIMIT = 40 * 1024;

	@TempDir
	Path directory;

	private final Stores stores = new Stores();

	private final TickingClock clock = new TickingClock();

	private SizeLimiter limiter;

	@AfterEach
	void close() {
		if (this.limiter != null) {
			this.limiter.close();
		}
		this.stores.close();
	}

	private static CallSpec spec(int n) {
		return new CallSpec("test#sized", "1", Map.of("n", n), String.class);
	}

	/** A 600-byte result, shared by every call with the same {@code n % 40}. */
	private static String result(int n) {
		return ("payload-" + (n % 40) + "-").repeat(60).substring(0, 600);
	}

	static long measured(Stores.Pair store) {
		long size = 0;
		for (Digest key : store.values().list()) {
			size += store.values().storedSize(key);
		}
		for (Digest key : store.calls().list()) {
			size += store.calls().storedSize(key);
		}
		return size;
	}

	@ParameterizedTest
	@ValueSource(strings = { "memory", "file", "sqlite" })
	void aStoreFilledWellPastItsLimitEndsBelowItKeepingRecentCallsWhole(String backend) throws Throwable {
		Stores.Pair store = this.stores.open(backend, this.directory);
		this.limiter = new SizeLimiter(store.values(), store.calls(), LIMIT, this.clock);
		CallCache cache = CallCache.builder(store.values(), store.calls()).clock(this.clock).sizeLimiter(this.limiter).build();
		AtomicInteger runs = new AtomicInteger();
		for (int n = 0; n < 300; n++) {
			int i = n;
			cache.call(spec(i), () -> {
				runs.incrementAndGet();
				return result(i);
			});
			if (n % 20 == 19) {
				this.clock.advance(Duration.ofMinutes(1));
				for (int hot = 0; hot < 5; hot++) {
					int h = hot;
					assertThat(cache.call(spec(h), () -> result(h))).isEqualTo(result(h));
				}
			}
		}
		this.limiter.awaitIdle(Duration.ofSeconds(30));
		this.limiter.enforce();
		assertThat(measured(store)).isLessThanOrEqualTo(LIMIT).isPositive();
		assertThat(this.limiter.size()).isLessThanOrEqualTo(LIMIT);
		int before = runs.get();
		for (int hot = 0; hot < 5; hot++) {
			assertThat(cache.call(spec(hot), () -> "recomputed")).isEqualTo(result(hot));
		}
		assertThat(cache.call(spec(299), () -> "recomputed")).isEqualTo(result(299));
		assertThat(runs).hasValue(before);
		assertThat(store.calls().list()).hasSizeLessThan(300).hasSizeGreaterThan(10);
		for (Digest key : store.calls().list()) {
			Call call = store.calls().load(key.hex());
			assertThat(store.values().load(call.result().hex(), String.class)).hasSize(600);
			for (Digest argument : call.arguments().values()) {
				assertThat(store.values().contains(argument.hex())).isTrue();
			}
		}
		assertThat(cache.call(spec(100), () -> "recomputed")).isEqualTo("recomputed");
	}

	@Test
	void evictionRunsOffTheCallersThreadAfterSaves() throws Throwable {
		Stores.Pair store = this.stores.open("memory", this.directory);
		this.limiter = new SizeLimiter(store.values(), store.calls(), 8 * 1024, this.clock);
		CallCache cache = CallCache.builder(store.values(), store.calls()).clock(this.clock).sizeLimiter(this.limiter).build();
		for (int n = 0; n < 60; n++) {
			int i = n;
			cache.call(spec(i), () -> result(i));
		}
		this.limiter.awaitIdle(Duration.ofSeconds(30));
		assertThat(measured(store)).isLessThanOrEqualTo(8 * 1024);
		assertThat(this.limiter.size()).isBetween(1L, 8L * 1024);
	}

	@Test
	void orphanValuesAreCollectedAndSharedOnesKept() {
		Stores.Pair store = new Stores.Pair(MemoryStorage.values(), MemoryStorage.calls());
		this.limiter = new SizeLimiter(store.values(), store.calls(), LIMIT, this.clock);
		Digest shared = store.values().save("shared");
		Digest orphan = store.values().save("orphan");
		store.calls().save(new Call("a", "1", Map.of("x", shared), shared, Map.of()));
		assertThat(this.limiter.collectOrphans()).isEqualTo(1);
		assertThat(store.values().contains(orphan.hex())).isFalse();
		assertThat(store.values().contains(shared.hex())).isTrue();
	}

	@Test
	void aNonPositiveLimitIsRefused() {
		assertThatThrownBy(() -> new SizeLimiter(MemoryStorage.values(), MemoryStorage.calls(), 0, this.clock))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("positive");
	}

	@ParameterizedTest
	@ValueSource(strings = { "memory", "sqlite" })
	void lastAccessIsWrittenAtMostOnceAMinuteAndSurvivesARestart(String backend) throws Throwable {
		Stores.Pair store = this.stores.open(backend, this.directory);
		this.limiter = new SizeLimiter(store.values(), store.calls(), Long.MAX_VALUE / 2, this.clock);
		CallCache cache = CallCache.builder(store.values(), store.calls()).clock(this.clock).sizeLimiter(this.limiter).build();
		for (int n = 0; n < 20; n++) {
			int i = n;
			cache.call(spec(i), () -> result(i));
			this.clock.advance(Duration.ofMinutes(1));
		}
		cache.call(spec(0), () -> "recomputed");
		this.limiter.awaitIdle(Duration.ofSeconds(30));
		Call hot = store.calls().load(CallCacheKeys.of(store, 0).hex());
		assertThat(LastAccess.of(hot)).isEqualTo(this.clock.millis());
		this.clock.advance(Duration.ofSeconds(30));
		cache.call(spec(0), () -> "recomputed");
		this.limiter.awaitIdle(Duration.ofSeconds(30));
		assertThat(LastAccess.of(store.calls().load(hot.key().hex()))).as("not rewritten within a minute")
			.isEqualTo(this.clock.millis() - 30_000);
		this.limiter.close();

		long half = measured(store) / 2;
		this.limiter = new SizeLimiter(store.values(), store.calls(), half, this.clock);
		assertThat(this.limiter.enforce()).isPositive();
		assertThat(store.calls().contains(hot.key().hex())).as("the call hit last survives a restart").isTrue();
		assertThat(store.calls().contains(CallCacheKeys.of(store, 1).hex())).isFalse();
		assertThat(store.calls().contains(CallCacheKeys.of(store, 19).hex())).isTrue();
		assertThat(measured(store)).isLessThanOrEqualTo(half);
	}

	/** Finds the stored key of {@code spec(n)} by its argument. */
	static final class CallCacheKeys {

		static Digest of(Stores.Pair store, int n) {
			return store.calls()
				.query(dev.fleche.core.call.CallTemplate.any().withArgument("n", n))
				.stream()
				.findFirst()
				.map(Call::key)
				.orElse(dev.fleche.core.digest.Digester.standard().digest("absent " + n));
		}

	}

}
