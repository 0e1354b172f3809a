package dev.fleche.core.storage.layered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fleche.core.cache.CallCache;
import dev.fleche.core.cache.CallSpec;
import dev.fleche.core.call.Call;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.digest.Digester;
import dev.fleche.core.storage.AmbiguousKeyException;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.KeyNotFoundException;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.storage.memory.MemoryStorage;
import dev.fleche.core.storage.sqlite.SqliteStore;
import dev.fleche.core.testing.TickingClock;

/**
 * Memory over SQLite.
 */
class LayeredStorageTest {

	private static final Duration NEAR_TTL = Duration.ofSeconds(30);

	@TempDir
	Path directory;

	private SqliteStore far;

	private final ValueStorage nearValues = MemoryStorage.values();

	private final CallStorage nearCalls = MemoryStorage.calls();

	private final TickingClock clock = new TickingClock();

	private LayeredValueStorage values;

	private LayeredCallStorage calls;

	@BeforeEach
	void open() {
		this.far = SqliteStore.open(this.directory.resolve("fleche.db"));
		this.values = new LayeredValueStorage(List.of(this.nearValues, this.far.values()));
		this.calls = new LayeredCallStorage(List.of(this.nearCalls, this.far.calls()), NEAR_TTL, this.clock);
	}

	@AfterEach
	void close() {
		this.far.close();
	}

	private static Call call(String name, String result) {
		return new Call(name, "1", Map.of("a", Digester.standard().digest(name)), Digester.standard().digest(result),
				Map.of());
	}

	@Test
	void aReadFallsThroughAndFillsTheNearLayer() {
		Digest key = this.far.values().save("far value");
		assertThat(this.nearValues.contains(key.hex())).isFalse();
		assertThat(this.values.load(key.prefix(8), String.class)).isEqualTo("far value");
		assertThat(this.nearValues.load(key.hex(), String.class)).isEqualTo("far value");
		Call call = call("f", "r");
		this.far.calls().save(call);
		assertThat(this.calls.load(call.key().prefix(6))).isEqualTo(call);
		assertThat(this.nearCalls.load(call.key().hex())).isEqualTo(call);
		assertThatThrownBy(() -> this.values.load(Digester.standard().digest("absent").hex(), String.class))
			.isInstanceOf(KeyNotFoundException.class);
	}

	@Test
	void aSaveWritesAndAnEvictRemovesEveryLayer() {
		Digest value = this.values.save(List.of(1, 2));
		Call call = call("g", "r");
		this.calls.save(call);
		assertThat(this.nearValues.contains(value.hex())).isTrue();
		assertThat(this.far.values().contains(value.hex())).isTrue();
		assertThat(this.nearCalls.contains(call.key().hex())).isTrue();
		assertThat(this.far.calls().contains(call.key().hex())).isTrue();
		this.values.evict(value.prefix(10));
		this.calls.evict(call.key().prefix(10));
		assertThat(this.nearValues.contains(value.hex())).isFalse();
		assertThat(this.far.values().contains(value.hex())).isFalse();
		assertThat(this.nearCalls.contains(call.key().hex())).isFalse();
		assertThat(this.far.calls().contains(call.key().hex())).isFalse();
		this.calls.evict(call.key().hex());
	}

	@Test
	void expandAndShrinkAnswerAcrossLayers() {
		Object[] pair = twoValuesSharingAPrefix(5);
		Digest nearKey = this.nearValues.save(pair[0]);
		Digest farKey = this.far.values().save(pair[1]);
		String shared = nearKey.hex().substring(0, 5);
		assertThat(this.nearValues.expand(shared)).isEqualTo(nearKey);
		assertThat(this.far.values().expand(shared)).isEqualTo(farKey);
		assertThatThrownBy(() -> this.values.expand(shared)).isInstanceOf(AmbiguousKeyException.class)
			.satisfies(ex -> assertThat(((AmbiguousKeyException) ex).neededLength()).isGreaterThan(5));
		String nearShort = this.values.shrink(nearKey);
		assertThat(nearShort.length()).isGreaterThan(5);
		assertThat(this.nearValues.shrink(nearKey)).hasSizeLessThan(nearShort.length());
		assertThat(this.values.expand(nearShort)).isEqualTo(nearKey);
		assertThat(this.values.expand(this.values.shrink(farKey))).isEqualTo(farKey);
		assertThat(this.values.contains(farKey.hex())).isTrue();
		assertThat(this.values.list()).containsExactlyInAnyOrder(nearKey, farKey);
		Digest absent = Digester.standard().digest("nowhere");
		assertThatThrownBy(() -> this.values.expand(absent.prefix(12))).isInstanceOf(KeyNotFoundException.class);
	}

	@Test
	void aNearCallRecordIsServedAtMostNearTtlAfterAnotherHostChangedIt() {
		Call first = call("h", "first");
		this.calls.save(first);
		Call resaved = call("h", "second");
		this.far.calls().save(resaved);
		assertThat(this.calls.load(first.key().hex()).result()).isEqualTo(first.result());
		this.clock.advance(NEAR_TTL);
		assertThat(this.calls.load(first.key().hex()).result()).isEqualTo(resaved.result());
		assertThat(this.nearCalls.load(first.key().hex()).result()).isEqualTo(resaved.result());
		this.far.calls().evict(first.key().hex());
		assertThat(this.calls.load(first.key().hex()).result()).isEqualTo(resaved.result());
		this.clock.advance(NEAR_TTL);
		assertThatThrownBy(() -> this.calls.load(first.key().hex())).isInstanceOf(KeyNotFoundException.class);
		assertThat(this.nearCalls.contains(first.key().hex())).isFalse();
	}

	@Test
	void aCacheOverLayersHitsFromTheFarLayerAfterARestartOfTheNearOne() throws Throwable {
		AtomicInteger runs = new AtomicInteger();
		CallSpec spec = new CallSpec("test#layered", "1", Map.of("x", 3), Integer.class);
		CallCache cache = CallCache.builder(this.values, this.calls).clock(this.clock).build();
		assertThat(cache.call(spec, () -> 9 + runs.incrementAndGet() - 1)).isEqualTo(9);
		LayeredValueStorage freshValues = new LayeredValueStorage(List.of(MemoryStorage.values(), this.far.values()));
		LayeredCallStorage freshCalls = new LayeredCallStorage(List.of(MemoryStorage.calls(), this.far.calls()), NEAR_TTL,
				this.clock);
		CallCache restarted = CallCache.builder(freshValues, freshCalls).clock(this.clock).build();
		assertThat(restarted.call(spec, () -> -1)).isEqualTo(9);
		assertThat(freshValues.layers().get(0).list()).isNotEmpty();
		assertThat(freshCalls.layers().get(0).list()).hasSize(1);
		assertThat(runs).hasValue(1);
	}

	private static Object[] twoValuesSharingAPrefix(int length) {
		Map<String, Integer> seen = new HashMap<>();
		for (int i = 0;; i++) {
			String prefix = Digester.standard().digest(i).hex().substring(0, length);
			Integer before = seen.putIfAbsent(prefix, i);
			if (before != null) {
				return new Object[] { before, i };
			}
		}
	}

}
