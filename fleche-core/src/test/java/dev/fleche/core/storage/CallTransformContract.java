package dev.fleche.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import dev.fleche.core.call.Call;
import dev.fleche.core.call.CallTemplate;
import dev.fleche.core.digest.Digest;

/**
 * {@code transform} works from a snapshot and never loses an entry: when two calls would end
 * under one key it refuses before writing anything, whatever the listing order, naming the keys.
 */
public abstract class CallTransformContract extends CallQueryContract {

	/** Two calls of {@code f} that differ in argument a, ascending by key. */
	private List<Call> savedPair() {
		List<Call> pair = new ArrayList<>(List.of(call("f", 1, "x", 10).withMetadata("of", json("\"one\"")),
				call("f", 2, "x", 20).withMetadata("of", json("\"two\""))));
		pair.sort(Comparator.comparing(Call::key));
		pair.forEach(this.storage::save);
		return pair;
	}

	/** {@code call} with argument a replaced by the one of {@code other}. */
	private static Call withArgumentsOf(Call call, Call other) {
		return call.withArguments(other.arguments());
	}

	private void assertUnchanged(List<Call> stored) {
		assertThat(this.storage.list()).containsExactlyInAnyOrderElementsOf(stored.stream().map(Call::key).toList());
		for (Call call : stored) {
			assertThat(this.storage.load(call.key().hex())).isEqualTo(call);
		}
	}

	@Test
	void aCallMovingOntoAKeyThatStaysIsRefusedWhenItIsListedFirst() {
		List<Call> pair = savedPair();
		Call first = pair.get(0);
		Call second = pair.get(1);
		UnaryOperator<Call> moveFirst = c -> c.key().equals(first.key()) ? withArgumentsOf(c, second) : c;
		assertThatThrownBy(() -> this.storage.transform(moveFirst))
			.isInstanceOfSatisfying(TransformCollisionException.class, ex -> {
				assertThat(ex.collisions()).containsExactly(Map.entry(second.key(), List.of(first.key(), second.key())));
				assertThat(ex.getMessage()).contains(first.key().hex()).contains(second.key().hex());
			});
		assertUnchanged(pair);
	}

	@Test
	void aCallMovingOntoAKeyThatStaysIsRefusedWhenItIsListedLast() {
		List<Call> pair = savedPair();
		Call first = pair.get(0);
		Call second = pair.get(1);
		UnaryOperator<Call> moveSecond = c -> c.key().equals(second.key()) ? withArgumentsOf(c, first) : c;
		assertThatThrownBy(() -> this.storage.transform(moveSecond))
			.isInstanceOfSatisfying(TransformCollisionException.class, ex -> assertThat(ex.collisions())
				.containsExactly(Map.entry(first.key(), List.of(first.key(), second.key()))));
		assertUnchanged(pair);
	}

	@Test
	void twoCallsMovingToOneNewKeyAreRefused() {
		List<Call> pair = savedPair();
		Call target = call("f", 0, "x", 0);
		assertThatThrownBy(() -> this.storage.transform(c -> withArgumentsOf(c, target)))
			.isInstanceOfSatisfying(TransformCollisionException.class, ex -> assertThat(ex.collisions())
				.containsExactly(Map.entry(target.key(), List.of(pair.get(0).key(), pair.get(1).key()))));
		assertUnchanged(pair);
	}

	@Test
	void twoCallsSwappingKeysBothArrive() {
		List<Call> pair = savedPair();
		Call first = pair.get(0);
		Call second = pair.get(1);
		Map<Digest, Digest> moved = this.storage
			.transform(c -> withArgumentsOf(c, c.key().equals(first.key()) ? second : first));
		assertThat(moved).containsOnly(Map.entry(first.key(), second.key()), Map.entry(second.key(), first.key()));
		assertThat(this.storage.load(second.key().hex())).isEqualTo(withArgumentsOf(first, second));
		assertThat(this.storage.load(first.key().hex())).isEqualTo(withArgumentsOf(second, first));
	}

	@Test
	void theFunctionSeesEachStoredCallOnceAsItWas() {
		List<Call> stored = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			stored.add(call("g", i, "y", i));
		}
		stored.forEach(this.storage::save);
		List<Call> seen = new ArrayList<>();
		Map<Digest, Digest> moved = this.storage.transform(c -> {
			seen.add(c);
			Map<String, Digest> arguments = new LinkedHashMap<>(c.arguments());
			arguments.put("b", digest("moved"));
			return c.withArguments(arguments);
		});
		assertThat(seen).containsExactlyInAnyOrderElementsOf(stored);
		assertThat(moved).hasSize(20);
		assertThat(this.storage.query(CallTemplate.any().withArgument("b", "moved"))).hasSize(20);
		assertThat(this.storage.list()).hasSize(20);
	}

	@Test
	void aFunctionThatFailsWritesNothing() {
		List<Call> pair = savedPair();
		Call first = pair.get(0);
		assertThatThrownBy(() -> this.storage.transform(c -> {
			if (!c.key().equals(first.key())) {
				throw new IllegalStateException("boom");
			}
			return c.withMetadata("changed", json("true"));
		})).hasMessageContaining("boom");
		assertUnchanged(pair);
	}

}
