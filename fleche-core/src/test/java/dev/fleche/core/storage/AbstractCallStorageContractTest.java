package dev.fleche.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.fleche.core.call.Call;
import dev.fleche.core.call.CallTemplate;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.digest.InvalidDigestException;

/**
 * The contract every {@link CallStorage} keeps. A backend's test extends this and says how to
 * create a storage in a fresh directory; it inherits the whole chain of contract classes (queries,
 * transform, consistency under concurrency).
 */
public abstract class AbstractCallStorageContractTest extends CallConsistencyContract {

	@Test
	void savedCallLoadsBackByKeyAndPrefix() {
		Call call = call("f", 1, "x", 42).withMetadata("timing", json("{\"millis\":12}"));
		Digest key = this.storage.save(call);
		assertThat(key).isEqualTo(call.key());
		assertThat(this.storage.load(key.hex())).isEqualTo(call);
		assertThat(this.storage.load(key.prefix(8))).isEqualTo(call);
		assertThat(this.storage.load(key.prefix(8)).arguments().keySet()).containsExactly("a", "b");
	}

	@Test
	void savingOneCallTwiceLeavesOneEntry() {
		Call call = call("f", 1, 2, 3);
		this.storage.save(call);
		this.storage.save(call);
		assertThat(this.storage.list()).containsExactly(call.key());
	}

	@Test
	void newResultUnderSameKeyReplacesOld() {
		Call first = call("f", 1, 2, 3);
		Call second = first.withResult(digest(4));
		assertThat(second.key()).isEqualTo(first.key());
		this.storage.save(first);
		this.storage.save(second);
		assertThat(this.storage.list()).hasSize(1);
		assertThat(this.storage.load(first.key().hex()).result()).isEqualTo(digest(4));
	}

	@Test
	void metadataIsNotPartOfTheKey() {
		Call plain = call("f", 1, 2, 3);
		Call annotated = plain.withMetadata("host", json("\"a\""));
		assertThat(annotated.key()).isEqualTo(plain.key());
		this.storage.save(plain);
		this.storage.save(annotated);
		assertThat(this.storage.list()).hasSize(1);
		assertThat(this.storage.load(plain.key().hex()).metadata()).containsKey("host");
	}

	@Test
	void nameVersionAndArgumentsArePartOfTheKey() {
		Call call = call("f", 1, 2, 3);
		assertThat(call("g", 1, 2, 3).key()).isNotEqualTo(call.key());
		assertThat(call.withVersion("2").key()).isNotEqualTo(call.key());
		assertThat(call("f", 1, 5, 3).key()).isNotEqualTo(call.key());
	}

	@Test
	void keyManagementRules() {
		Call call = call("f", 1, 2, 3);
		Digest key = this.storage.save(call);
		assertThat(this.storage.expand(key.hex())).isEqualTo(key);
		assertThat(this.storage.contains(key.prefix(6))).isTrue();
		assertThatThrownBy(() -> this.storage.expand("abc")).isInstanceOf(InvalidDigestException.class);
		String unknown = key.hex().startsWith("0000") ? "1111" : "0000";
		assertThatThrownBy(() -> this.storage.load(unknown)).isInstanceOf(KeyNotFoundException.class);
		assertThat(this.storage.contains(unknown)).isFalse();
	}

	@Test
	void shrinkRefusesAMissingKeyAndAnEmptyBatch() {
		Digest stored = this.storage.save(call("f", 1, 2, 3));
		Digest absent = call("f", 9, 9, 9).key();
		assertThatThrownBy(() -> this.storage.shrink(List.of(stored, absent))).isInstanceOf(KeyNotFoundException.class)
			.hasMessageContaining(absent.hex());
		assertThatThrownBy(() -> this.storage.shrink(List.of())).isInstanceOf(IllegalArgumentException.class);
		assertThat(this.storage.shrink(stored)).hasSize(4);
	}

	@Test
	void aPrefixTooShortToNameACallIsNotContained() {
		Digest stored = this.storage.save(call("f", 1, 2, 3));
		assertThat(this.storage.contains(stored.prefix(3))).isFalse();
		assertThatThrownBy(() -> this.storage.expand(stored.prefix(3))).isInstanceOf(InvalidDigestException.class);
		assertThatThrownBy(() -> this.storage.load(stored.prefix(3))).isInstanceOf(InvalidDigestException.class);
	}

	@Test
	void expandOfShrinkIsIdentity() {
		List<Digest> keys = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			keys.add(this.storage.save(call("f", i, "x", i * 2)));
		}
		this.storage.shrink(keys).forEach((key, prefix) -> {
			assertThat(prefix.length()).isBetween(4, 63);
			assertThat(this.storage.expand(prefix)).isEqualTo(key);
		});
	}

	@Test
	void evictByPrefixAndSecondEvictIsANoOp() {
		Digest kept = this.storage.save(call("f", 1, 2, 3));
		Digest gone = this.storage.save(call("f", 2, 2, 3));
		this.storage.evict(gone.prefix(8));
		this.storage.evict(gone.prefix(8));
		assertThat(this.storage.list()).containsExactly(kept);
	}

	@Test
	void queryWithWildcardsReturnsEverything() {
		this.storage.save(call("f", 1, 2, 3));
		this.storage.save(call("g", 1, 2, 3));
		assertThat(this.storage.query(CallTemplate.any())).hasSize(2);
	}

	@Test
	void queryFiltersOnNameVersionArgumentsResultAndMetadata() {
		Call f1 = call("f", 1, "x", 10).withMetadata("env", json("{\"stage\":\"prod\"}"));
		Call f2 = call("f", 2, "x", 20).withMetadata("env", json("{\"stage\":\"test\"}"));
		Call f3 = call("f", 3, "y", 10);
		Call g1 = call("g", 1, "x", 10).withVersion("2").withMetadata("env", json("{\"stage\":\"prod\"}"));
		for (Call call : List.of(f1, f2, f3, g1)) {
			this.storage.save(call);
		}
		assertThat(this.storage.query(CallTemplate.any().withName("f"))).containsExactlyInAnyOrder(f1, f2, f3);
		assertThat(this.storage.query(CallTemplate.any().withVersion("2"))).containsExactly(g1);
		assertThat(this.storage.query(CallTemplate.any().withArgument("b", "x"))).containsExactlyInAnyOrder(f1, f2, g1);
		assertThat(this.storage.query(CallTemplate.any().withArgument("b", digest("x")).withArgument("a", 1)))
			.containsExactlyInAnyOrder(f1, g1);
		assertThat(this.storage.query(CallTemplate.any().withResult(10))).containsExactlyInAnyOrder(f1, f3, g1);
		assertThat(this.storage.query(CallTemplate.any().withResult(digest(20)))).containsExactly(f2);
		assertThat(this.storage.query(CallTemplate.any().withMetadata("env"))).containsExactlyInAnyOrder(f1, f2, g1);
		assertThat(this.storage.query(CallTemplate.any().withMetadata("env", json("{\"stage\":\"prod\"}"))))
			.containsExactlyInAnyOrder(f1, g1);
		assertThat(this.storage.query(CallTemplate.any()
			.withName("f")
			.withMetadata("env", json("{\"stage\":\"prod\"}"))
			.withResult(10)
			.withArgument("a", 1))).containsExactly(f1);
		assertThat(this.storage.query(CallTemplate.any().withName("f").withVersion("2"))).isEmpty();
		assertThat(this.storage.query(CallTemplate.any().withArgument("missing", 1))).isEmpty();
		assertThat(this.storage.query(CallTemplate.any().withMetadata("absent"))).isEmpty();
	}

	@Test
	void transformKeepsKeyWhenOnlyMetadataChanges() {
		Call call = call("f", 1, 2, 3);
		Digest key = this.storage.save(call);
		Map<Digest, Digest> moved = this.storage.transform(c -> c.withMetadata("note", json("\"checked\"")));
		assertThat(moved).isEmpty();
		assertThat(this.storage.list()).containsExactly(key);
		assertThat(this.storage.load(key.hex()).metadata()).containsKey("note");
	}

	@Test
	void transformReKeysWhenAnArgumentChanges() {
		Call call = call("f", 1, 2, 3);
		Call untouched = call("g", 1, 2, 3);
		Digest oldKey = this.storage.save(call);
		Digest otherKey = this.storage.save(untouched);
		Map<Digest, Digest> moved = this.storage.transform(c -> {
			if (!c.name().equals("f")) {
				return c;
			}
			Map<String, Digest> arguments = new LinkedHashMap<>(c.arguments());
			arguments.put("b", digest(99));
			return c.withArguments(arguments);
		});
		Digest newKey = call("f", 1, 99, 3).key();
		assertThat(moved).containsExactly(Map.entry(oldKey, newKey));
		assertThat(this.storage.list()).containsExactlyInAnyOrder(newKey, otherKey);
		assertThat(this.storage.contains(oldKey.hex())).isFalse();
		assertThat(this.storage.load(newKey.hex()).arguments().get("b")).isEqualTo(digest(99));
	}

	@Test
	void concurrentSavesOfCollidingCallsLeaveOneEntryEach() throws Exception {
		List<Call> calls = List.of(call("f", 1, 1, 1), call("f", 2, 2, 2), call("f", 3, 3, 3));
		ExecutorService pool = Executors.newFixedThreadPool(8);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < 24; t++) {
				Call call = calls.get(t % 3);
				futures.add(pool.submit(() -> {
					start.await();
					for (int i = 0; i < 5; i++) {
						this.storage.save(call.withMetadata("round", json(Integer.toString(i))));
						this.storage.load(call.key().hex());
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.storage.list()).containsExactlyInAnyOrderElementsOf(calls.stream().map(Call::key).toList());
	}

	@Test
	void storedSizeIsPositiveForAStoredCallAndMinusOneForAnAbsentOne() {
		Call call = call("f", 1, 2, "r");
		Digest key = this.storage.save(call);
		StringBuilder random = new StringBuilder();
		java.util.Random seeded = new java.util.Random(7);
		while (random.length() < 1000) {
			random.append(Long.toString(seeded.nextLong(), 36));
		}
		Call bigger = call.withMetadata("note", tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(random.toString()));
		assertThat(this.storage.storedSize(key)).isPositive();
		long small = this.storage.storedSize(key);
		this.storage.save(bigger);
		assertThat(this.storage.storedSize(key)).as("even compressed").isGreaterThan(small + 300);
		assertThat(this.storage.storedSize(digest("absent"))).isEqualTo(-1);
	}

}
