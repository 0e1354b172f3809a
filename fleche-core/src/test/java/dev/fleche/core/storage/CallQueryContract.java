package dev.fleche.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import dev.fleche.core.call.Call;
import dev.fleche.core.call.CallTemplate;
import dev.fleche.core.digest.Digest;

/**
 * Queries by template: a metadata filter matches by containment (nested objects recursively;
 * numbers, strings, booleans, null and lists compared as JSON values; an empty object means
 * "present"), arguments by value or by presence, every filter ANDed; and the same results as
 * matching every call in memory, over seeded random calls and templates.
 */
public abstract class CallQueryContract extends CallStorageContractBase {

	private List<Call> containmentCalls() {
		Call c1 = call("m", 1, 0, 0)
			.withMetadata("tags", json("{\"project\":\"alpha\",\"phase\":\"train\","
					+ "\"run\":{\"id\":7,\"seed\":1.5,\"ok\":true,\"labels\":[\"a\",\"b\"]}}"))
			.withMetadata("owner", json("\"ann\""));
		Call c2 = call("m", 2, 0, 0).withMetadata("tags", json("{\"project\":\"beta\",\"phase\":\"train\","
				+ "\"run\":{\"id\":8,\"seed\":2.5,\"ok\":false,\"labels\":[\"b\",\"a\"]}}"));
		Call c3 = call("m", 3, 0, 0).withMetadata("tags", json("{\"project\":\"alpha\"}"))
			.withMetadata("score", json("1"))
			.withMetadata("note", json("null"));
		Call c4 = call("m", 4, 0, 0).withMetadata("tags", json("\"alpha\""));
		Call c5 = call("m", 5, 0, 0);
		List<Call> calls = List.of(c1, c2, c3, c4, c5);
		calls.forEach(this.storage::save);
		return calls;
	}

	private List<Call> queryMetadata(String namespace, String filter) {
		return this.storage.query(CallTemplate.any().withMetadata(namespace, json(filter)));
	}

	@Test
	void metadataFiltersMatchByContainment() {
		List<Call> c = containmentCalls();
		Function<Integer, Call> n = i -> c.get(i - 1);
		assertThat(queryMetadata("tags", "{\"project\":\"alpha\"}")).containsExactlyInAnyOrder(n.apply(1), n.apply(3));
		assertThat(queryMetadata("tags", "{\"project\":\"alpha\",\"phase\":\"train\"}")).containsExactly(n.apply(1));
		assertThat(queryMetadata("tags", "{\"run\":{\"id\":7}}")).containsExactly(n.apply(1));
		assertThat(queryMetadata("tags", "{\"run\":{\"ok\":true}}")).containsExactly(n.apply(1));
		assertThat(queryMetadata("tags", "{\"run\":{\"ok\":false}}")).containsExactly(n.apply(2));
		assertThat(queryMetadata("tags", "{\"run\":{\"seed\":1.5}}")).containsExactly(n.apply(1));
		assertThat(queryMetadata("tags", "{\"run\":{\"labels\":[\"a\",\"b\"]}}")).containsExactly(n.apply(1));
		assertThat(queryMetadata("tags", "{\"run\":{\"labels\":[\"b\",\"a\"]}}")).containsExactly(n.apply(2));
		assertThat(queryMetadata("tags", "{\"run\":{\"labels\":[\"a\"]}}")).isEmpty();
		assertThat(queryMetadata("tags", "{\"run\":{}}")).containsExactlyInAnyOrder(n.apply(1), n.apply(2));
		assertThat(queryMetadata("tags", "{}")).containsExactlyInAnyOrder(n.apply(1), n.apply(2), n.apply(3), n.apply(4));
		assertThat(queryMetadata("tags", "\"alpha\"")).containsExactly(n.apply(4));
		assertThat(queryMetadata("score", "1")).containsExactly(n.apply(3));
		assertThat(queryMetadata("score", "1.0")).containsExactly(n.apply(3));
		assertThat(queryMetadata("score", "\"1\"")).isEmpty();
		assertThat(queryMetadata("note", "null")).containsExactly(n.apply(3));
		assertThat(queryMetadata("tags", "{\"run\":{\"id\":\"7\"}}")).isEmpty();
		assertThat(queryMetadata("tags", "{\"run\":{\"ok\":1}}")).isEmpty();
		assertThat(queryMetadata("tags", "{\"project\":{\"name\":\"alpha\"}}")).isEmpty();
		assertThat(queryMetadata("tags", "{\"project\":\"alpha\",\"missing\":1}")).isEmpty();
		assertThat(this.storage.query(CallTemplate.any()
			.withMetadata("tags", json("{\"project\":\"alpha\"}"))
			.withMetadata("owner", json("\"ann\"")))).containsExactly(n.apply(1));
		assertThat(this.storage.query(CallTemplate.any().withMetadata("tags").withMetadata("score")))
			.containsExactly(n.apply(3));
		assertThat(this.storage.query(CallTemplate.any().withMetadata("absent"))).isEmpty();
	}

	@Test
	void anArgumentCanBeRequiredPresentWithAnyValue() {
		Call both = call("p", 1, 2, 0);
		Call onlyA = new Call("p", "1", Map.of("a", digest(1)), digest(0), Map.of());
		Call otherB = call("p", 3, 4, 0);
		List.of(both, onlyA, otherB).forEach(this.storage::save);
		assertThat(this.storage.query(CallTemplate.any().withArgument("b"))).containsExactlyInAnyOrder(both, otherB);
		assertThat(this.storage.query(CallTemplate.any().withArgument("a"))).hasSize(3);
		assertThat(this.storage.query(CallTemplate.any().withArgument("b").withArgument("a", 1))).containsExactly(both);
		assertThat(this.storage.query(CallTemplate.any().withArgument("c"))).isEmpty();
	}

	@Test
	void queriesEqualInMemoryMatchingOverSeededRandomCallsAndTemplates() {
		Random random = new Random(20261129L);
		RandomCalls generator = new RandomCalls(random);
		Map<Digest, Call> stored = new java.util.HashMap<>();
		for (int i = 0; i < 150; i++) {
			Call call = generator.call();
			this.storage.save(call);
			stored.put(call.key(), call);
		}
		List<Call> calls = List.copyOf(stored.values());
		int matchedByMetadataValue = 0;
		for (int i = 0; i < 250; i++) {
			CallTemplate template = generator.template(calls);
			List<Digest> expected = calls.stream().filter(template::matches).map(Call::key).sorted().toList();
			List<Digest> actual = this.storage.query(template).stream().map(Call::key).sorted().toList();
			assertThat(actual).as(template.toString()).isEqualTo(expected);
			if (!expected.isEmpty() && template.metadata().values().stream().anyMatch(v -> v != null && !v.isEmpty())) {
				matchedByMetadataValue++;
			}
		}
		assertThat(matchedByMetadataValue).as("templates with a metadata value that matched calls: %d", matchedByMetadataValue).isGreaterThan(20);
	}

}
