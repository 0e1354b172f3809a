package dev.fleche.core.storage.sqlite;

import java.util.Map;
import java.util.TreeMap;

import dev.fleche.core.storage.support.CallJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON text with object fields sorted, so that two equal metadata values (equal as
 * {@link JsonNode}s) have the same text and can be compared in SQL.
 */
final class CanonicalJson {

	private CanonicalJson() {
	}

	static String of(JsonNode value) {
		return CallJson.canonical(sorted(value));
	}

	private static JsonNode sorted(JsonNode value) {
		if (value.isObject()) {
			Map<String, JsonNode> fields = new TreeMap<>();
			value.properties().forEach(entry -> fields.put(entry.getKey(), sorted(entry.getValue())));
			ObjectNode copy = JsonNodeFactory.instance.objectNode();
			fields.forEach(copy::set);
			return copy;
		}
		if (value.isArray()) {
			var copy = JsonNodeFactory.instance.arrayNode();
			value.values().forEach(element -> copy.add(sorted(element)));
			return copy;
		}
		return value;
	}

}
