package dev.fleche.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.fleche.core.digest.Digest;
import dev.fleche.core.digest.Digester;
import dev.fleche.core.digest.InvalidDigestException;

/**
 * The contract every {@link ValueStorage} keeps. A backend's test extends this and says how to
 * create a storage in a fresh directory; it inherits the save refusals of {@link ValueSaveContract}.
 */
public abstract class AbstractValueStorageContractTest extends ValueSaveContract {

	/** A record for round trips. */
	public record Point(int x, int y) {
	}

	@Test
	void saveReturnsTheDigestOfTheValue() {
		assertThat(this.storage.save("hello")).isEqualTo(Digester.standard().digest("hello"));
		assertThat(this.storage.save(new Point(1, 2))).isEqualTo(Digester.standard().digest(new Point(1, 2)));
	}

	@Test
	void explicitKeyIsHonoured() {
		Digest key = key("ab".repeat(32));
		assertThat(this.storage.save("value", key)).isEqualTo(key);
		assertThat(this.storage.load(key.hex(), String.class)).isEqualTo("value");
		assertThat(this.storage.list()).containsExactly(key);
	}

	@Test
	void loadsByFullKeyAndByEightCharacterPrefix() {
		Digest key = this.storage.save(new Point(3, 4));
		assertThat(this.storage.load(key.hex(), Point.class)).isEqualTo(new Point(3, 4));
		assertThat(this.storage.load(key.prefix(8), Point.class)).isEqualTo(new Point(3, 4));
	}

	@Test
	void nullIsAValue() {
		Digest key = this.storage.save(null);
		assertThat(key).isEqualTo(Digester.standard().digest(null));
		assertThat(this.storage.contains(key.hex())).isTrue();
		assertThat(this.storage.load(key.hex(), String.class)).isNull();
	}

	@Test
	void storedValuesCannotBeMutatedByTheCaller() {
		List<String> list = new ArrayList<>(List.of("a"));
		Digest key = this.storage.save(list);
		list.add("b");
		@SuppressWarnings("unchecked")
		List<String> loaded = (List<String>) this.storage.load(key.hex(), List.class);
		assertThat(loaded).containsExactly("a");
		loaded.add("c");
		assertThat(this.storage.load(key.hex(), List.class)).isEqualTo(List.of("a"));
	}

	@Test
	void ambiguousPrefixSaysHowManyCharactersAreNeeded() {
		this.storage.save("one", key("a".repeat(64)));
		this.storage.save("two", key("a".repeat(10) + "b" + "a".repeat(53)));
		assertThatThrownBy(() -> this.storage.expand("aaaa")).isInstanceOfSatisfying(AmbiguousKeyException.class,
				ex -> {
					assertThat(ex.neededLength()).isEqualTo(11);
					assertThat(ex.getMessage()).contains("11").contains("aaaa");
				});
		assertThatThrownBy(() -> this.storage.contains("aaaa")).isInstanceOf(AmbiguousKeyException.class);
		assertThatThrownBy(() -> this.storage.load("aaaa", String.class)).isInstanceOf(AmbiguousKeyException.class);
		assertThatThrownBy(() -> this.storage.evict("aaaa")).isInstanceOf(AmbiguousKeyException.class);
		assertThat(this.storage.list()).hasSize(2);
		assertThat(this.storage.expand("a".repeat(11))).isEqualTo(key("a".repeat(64)));
		assertThat(this.storage.expand("a".repeat(10) + "b")).isEqualTo(key("a".repeat(10) + "b" + "a".repeat(53)));
	}

	@Test
	void prefixShorterThanFourCharactersIsAnError() {
		this.storage.save("x");
		assertThatThrownBy(() -> this.storage.expand("abc")).isInstanceOf(InvalidDigestException.class)
			.hasMessageContaining("abc")
			.hasMessageContaining("4");
		assertThatThrownBy(() -> this.storage.load("abc", String.class)).isInstanceOf(InvalidDigestException.class);
	}

	@Test
	void nonHexadecimalPrefixIsAnError() {
		assertThatThrownBy(() -> this.storage.expand("ABCD")).isInstanceOf(InvalidDigestException.class);
		assertThatThrownBy(() -> this.storage.expand("zzzz")).isInstanceOf(InvalidDigestException.class);
		assertThatThrownBy(() -> this.storage.expand("a".repeat(65))).isInstanceOf(InvalidDigestException.class);
	}

	@Test
	void unknownPrefixIsNotFound() {
		this.storage.save("x", key("1".repeat(64)));
		assertThatThrownBy(() -> this.storage.expand("2222")).isInstanceOf(KeyNotFoundException.class)
			.hasMessageContaining("2222");
		assertThatThrownBy(() -> this.storage.load("2222", String.class)).isInstanceOf(KeyNotFoundException.class);
		assertThat(this.storage.contains("2222")).isFalse();
		assertThat(this.storage.contains("2".repeat(64))).isFalse();
	}

	@Test
	void fullKeyExpandsToItself() {
		Digest stored = this.storage.save("x");
		assertThat(this.storage.expand(stored.hex())).isEqualTo(stored);
		String absent = "f".repeat(64);
		assertThat(this.storage.expand(absent)).isEqualTo(Digest.of(absent));
	}

	@Test
	void shrinkGivesShortestUnambiguousPrefixesThatExpandBack() {
		List<Digest> keys = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			keys.add(this.storage.save("value-" + i));
		}
		Digest a = key("a".repeat(64));
		Digest b = key("a".repeat(10) + "b" + "a".repeat(53));
		this.storage.save("a", a);
		this.storage.save("b", b);
		keys.add(a);
		keys.add(b);
		Map<Digest, String> shrunk = this.storage.shrink(keys);
		assertThat(shrunk.keySet()).containsExactlyElementsOf(keys);
		shrunk.forEach((key, prefix) -> {
			assertThat(prefix.length()).isBetween(4, 63);
			assertThat(key.hex()).startsWith(prefix);
			assertThat(this.storage.expand(prefix)).isEqualTo(key);
			if (prefix.length() > 4) {
				String shorter = prefix.substring(0, prefix.length() - 1);
				assertThatThrownBy(() -> this.storage.expand(shorter)).isInstanceOf(AmbiguousKeyException.class);
			}
		});
		assertThat(shrunk.get(a)).hasSize(11);
		assertThat(this.storage.shrink(a)).isEqualTo(shrunk.get(a));
	}

	@Test
	void shrinkOfAKeyThatIsNotStoredIsNotFound() {
		Digest stored = this.storage.save("stored");
		Digest absent = key("e".repeat(64));
		assertThatThrownBy(() -> this.storage.shrink(List.of(stored, absent))).isInstanceOf(KeyNotFoundException.class)
			.hasMessageContaining(absent.hex());
		assertThatThrownBy(() -> this.storage.shrink(absent)).isInstanceOf(KeyNotFoundException.class);
	}

	@Test
	void shrinkOfNoKeysIsAnArgumentError() {
		this.storage.save("stored");
		assertThatThrownBy(() -> this.storage.shrink(List.of())).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aPrefixTooShortToNameAKeyIsNotContainedButStillAnErrorToExpandOrLoad() {
		Digest stored = this.storage.save("stored");
		assertThat(this.storage.contains(stored.prefix(3))).isFalse();
		assertThat(this.storage.contains("")).isFalse();
		assertThatThrownBy(() -> this.storage.expand(stored.prefix(3))).isInstanceOf(InvalidDigestException.class);
		assertThatThrownBy(() -> this.storage.load(stored.prefix(3), String.class))
			.isInstanceOf(InvalidDigestException.class);
	}

	@Test
	void evictByPrefixAndASecondEvictIsANoOp() {
		Digest kept = this.storage.save("kept");
		Digest gone = this.storage.save("gone");
		this.storage.evict(gone.prefix(8));
		assertThat(this.storage.contains(gone.hex())).isFalse();
		assertThat(this.storage.list()).containsExactly(kept);
		this.storage.evict(gone.prefix(8));
		this.storage.evict(gone.hex());
		assertThat(this.storage.load(kept.hex(), String.class)).isEqualTo("kept");
	}

	@Test
	void listIsAscending() {
		for (int i = 0; i < 20; i++) {
			this.storage.save(i);
		}
		assertThat(this.storage.list()).hasSize(20).isSorted();
	}

	@Test
	void loadsIntoDeclaredGenericType() throws Exception {
		List<Point> points = List.of(new Point(1, 2), new Point(3, 4));
		Digest key = this.storage.save(points);
		java.lang.reflect.Type type = getClass().getMethod("pointListType").getGenericReturnType();
		assertThat(this.storage.load(key.prefix(10), type)).isEqualTo(points);
	}

	/** Declares {@code List<Point>} for the generic round trip. */
	public List<Point> pointListType() {
		return List.of();
	}

	@Test
	void eightThreadsTimesFiftySavesAllLoadBack() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(8);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<List<Digest>>> futures = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				int thread = t;
				futures.add(pool.submit(() -> {
					start.await();
					List<Digest> saved = new ArrayList<>();
					for (int i = 0; i < 50; i++) {
						saved.add(this.storage.save(new Point(thread, i)));
					}
					return saved;
				}));
			}
			start.countDown();
			for (int t = 0; t < 8; t++) {
				List<Digest> saved = futures.get(t).get(60, TimeUnit.SECONDS);
				for (int i = 0; i < 50; i++) {
					assertThat(this.storage.load(saved.get(i).hex(), Point.class)).isEqualTo(new Point(t, i));
				}
			}
			assertThat(this.storage.list()).hasSize(400);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void readersAndWritersTogetherRaiseNothing() throws Exception {
		Digest shared = this.storage.save("shared");
		ExecutorService pool = Executors.newFixedThreadPool(6);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < 6; t++) {
				int thread = t;
				futures.add(pool.submit(() -> {
					start.await();
					for (int i = 0; i < 40; i++) {
						if (thread % 2 == 0) {
							this.storage.save("w" + thread + "-" + i);
							this.storage.save("shared", shared);
						}
						else {
							assertThat(this.storage.load(shared.prefix(8), String.class)).isEqualTo("shared");
							this.storage.list();
							this.storage.contains(shared.hex());
						}
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
	}

	@Test
	void storedSizeGrowsWithTheValueAndIsMinusOneForAnAbsentOne() {
		Digest small = this.storage.save("x");
		StringBuilder random = new StringBuilder();
		java.util.Random seeded = new java.util.Random(7);
		while (random.length() < 1000) {
			random.append(Long.toString(seeded.nextLong(), 36));
		}
		Digest big = this.storage.save(random.toString());
		assertThat(this.storage.storedSize(small)).isPositive();
		assertThat(this.storage.storedSize(big)).as("even compressed").isGreaterThan(this.storage.storedSize(small) + 300);
		assertThat(this.storage.storedSize(dev.fleche.core.digest.Digester.standard().digest("absent"))).isEqualTo(-1);
	}

}
