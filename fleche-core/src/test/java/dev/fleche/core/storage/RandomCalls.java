package dev.fleche.core.storage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.fleche.core.call.Call;
import dev.fleche.core.call.CallTemplate;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.digest.Digester;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seeded random calls and templates over small domains, so that templates often match: nested
 * metadata of every JSON kind, templates asking for values, for presence, and for parts of stored
 * metadata (containment).
 */
final class RandomCalls {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final List<String> VALUES = List.of("\"alpha\"", "\"beta\"", "1", "1.0", "2", "2.5", "true",
			"false", "null", "[\"a\",\"b\"]", "[\"b\"]", "[1,{\"k\":2}]", "{}", "{\"x\":1}", "{\"x\":1,\"y\":[true]}",
			"{\"x\":{\"deep\":\"alpha\"}}");

	private static final List<String> KEYS = List.of("project", "phase", "run", "id", "we\"ird", "dotted.key");

	private final Random random;

	RandomCalls(Random random) {
		this.random = random;
	}

	Call call() {
		Map<String, Digest> arguments = new LinkedHashMap<>();
		for (String name : List.of("a", "b", "c")) {
			if (this.random.nextInt(4) > 0) {
				arguments.put(name, digest(this.random.nextInt(4)));
			}
		}
		Map<String, JsonNode> metadata = new LinkedHashMap<>();
		for (String namespace : List.of("tags", "env", "owner")) {
			if (this.random.nextInt(3) > 0) {
				metadata.put(namespace, value(2));
			}
		}
		return new Call("f" + this.random.nextInt(3), "v" + this.random.nextInt(2), arguments,
				digest(this.random.nextInt(3)), metadata);
	}

	/** A template; some of its metadata filters are parts of the metadata of one of {@code stored}. */
	CallTemplate template(List<Call> stored) {
		CallTemplate template = CallTemplate.any();
		if (this.random.nextInt(5) == 0) {
			template = template.withName("f" + this.random.nextInt(4));
		}
		if (this.random.nextInt(5) == 0) {
			template = template.withVersion("v" + this.random.nextInt(2));
		}
		if (this.random.nextInt(4) == 0) {
			template = template.withArgument(List.of("a", "b", "c", "d").get(this.random.nextInt(4)), this.random.nextInt(4));
		}
		if (this.random.nextInt(3) == 0) {
			template = template.withArgument(List.of("a", "b", "c", "d").get(this.random.nextInt(4)));
		}
		if (this.random.nextInt(4) == 0) {
			template = template.withResult(this.random.nextInt(3));
		}
		for (String namespace : List.of("tags", "env", "owner")) {
			int pick = this.random.nextInt(7);
			if (pick == 0) {
				template = template.withMetadata(namespace);
			}
			else if (pick == 1) {
				template = template.withMetadata(namespace, value(2));
			}
			else if (pick == 2 || pick == 3) {
				JsonNode part = stored.get(this.random.nextInt(stored.size())).metadata().get(namespace);
				if (part != null) {
					template = template.withMetadata(namespace, part(part));
				}
			}
		}
		return template;
	}

	/** {@code value} with some fields of its objects left out, recursively: a value it contains. */
	private JsonNode part(JsonNode value) {
		if (!value.isObject()) {
			return value;
		}
		ObjectNode part = JSON.createObjectNode();
		value.properties().forEach(field -> {
			if (this.random.nextInt(3) > 0) {
				part.set(field.getKey(), part(field.getValue()));
			}
		});
		return part;
	}

	/** A JSON value: a leaf, or an object of up to three fields whose values nest {@code depth} more levels. */
	private JsonNode value(int depth) {
		if (depth == 0 || this.random.nextInt(3) == 0) {
			return JSON.readTree(VALUES.get(this.random.nextInt(VALUES.size())));
		}
		ObjectNode object = JSON.createObjectNode();
		int fields = this.random.nextInt(3);
		for (int i = 0; i <= fields; i++) {
			object.set(KEYS.get(this.random.nextInt(KEYS.size())), value(depth - 1));
		}
		return object;
	}

	private static Digest digest(Object value) {
		return Digester.standard().digest(value);
	}

}
