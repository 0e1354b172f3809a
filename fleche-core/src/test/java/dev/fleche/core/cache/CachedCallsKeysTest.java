package dev.fleche.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.fleche.core.call.Call;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.digest.Digester;
import dev.fleche.core.digest.InvalidDigestException;
import dev.fleche.core.storage.AmbiguousKeyException;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.KeyNotFoundException;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.storage.memory.MemoryStorage;

/**
 * {@link CachedCalls} expands and shrinks keys across its two stores: call records and values.
 */
class CachedCallsKeysTest {

	private final ValueStorage values = MemoryStorage.values();

	private final CallStorage calls = MemoryStorage.calls();

	private final CachedCalls cached = new CachedCalls(this.calls, this.values);

	private final Call call = new Call("f", "1", Map.of("a", digest(1)), digest(2), Map.of());

	private final Digest callKey = this.calls.save(this.call);

	private static Digest digest(Object value) {
		return Digester.standard().digest(value);
	}

	/** A key equal to {@code key} on its first {@code same} characters, different at the next. */
	private static Digest sharing(Digest key, int same) {
		char next = key.hex().charAt(same) == '0' ? '1' : '0';
		return Digest.of(key.prefix(same) + next + "0".repeat(63 - same));
	}

	@Test
	void aPrefixOfOneCallAndOneValueIsAmbiguousAndSaysTheLengthNeeded() {
		Digest value = this.values.save("v", sharing(this.callKey, 9));
		assertThatThrownBy(() -> this.cached.expand(this.callKey.prefix(6)))
			.isInstanceOfSatisfying(AmbiguousKeyException.class, ex -> {
				assertThat(ex.neededLength()).isEqualTo(10);
				assertThat(ex.matches()).isEqualTo(2);
				assertThat(ex.getMessage()).contains("10");
			});
		assertThat(this.cached.expand(this.callKey.prefix(10))).isEqualTo(this.callKey);
		assertThat(this.cached.expand(value.prefix(10))).isEqualTo(value);
	}

	@Test
	void aShrunkPrefixIsUnambiguousAcrossBothStores() {
		Digest value = this.values.save("v", sharing(this.callKey, 7));
		Digest other = this.values.save("w");
		Map<Digest, String> shrunk = this.cached.shrink(List.of(this.callKey, value, other));
		assertThat(shrunk.get(this.callKey)).hasSize(8);
		assertThat(shrunk.get(value)).hasSize(8);
		shrunk.forEach((key, prefix) -> assertThat(this.cached.expand(prefix)).isEqualTo(key));
		assertThat(this.cached.load(shrunk.get(this.callKey))).isEqualTo(this.call);
	}

	@Test
	void theLengthNeededCountsEveryMatchWhenOneStoreIsAmbiguousItself() {
		this.values.save("v", sharing(this.callKey, 5));
		this.values.save("w", sharing(this.callKey, 12));
		assertThatThrownBy(() -> this.cached.expand(this.callKey.prefix(4)))
			.isInstanceOfSatisfying(AmbiguousKeyException.class, ex -> {
				assertThat(ex.neededLength()).isEqualTo(13);
				assertThat(ex.matches()).isEqualTo(3);
			});
	}

	@Test
	void keysInNeitherStoreAreNotFoundAndTheBatchMustNotBeEmpty() {
		Digest absent = sharing(this.callKey, 0);
		assertThatThrownBy(() -> this.cached.expand(absent.prefix(6))).isInstanceOf(KeyNotFoundException.class);
		assertThatThrownBy(() -> this.cached.shrink(List.of(this.callKey, absent))).isInstanceOf(KeyNotFoundException.class);
		assertThatThrownBy(() -> this.cached.shrink(List.of())).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> this.cached.expand("abc")).isInstanceOf(InvalidDigestException.class);
		assertThat(this.cached.expand(absent.hex())).isEqualTo(absent);
	}

}
