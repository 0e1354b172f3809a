package dev.fleche.core.storage.codec;

import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON text with object fields sorted, so that equal values have equal text. Depth is bounded by
 * {@link dev.fleche.core.call.Call}'s metadata depth limit.
 */
final class CanonicalJsonText {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private CanonicalJsonText() {
	}

	static String of(JsonNode value) {
		return MAPPER.writeValueAsString(sorted(value));
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
			ArrayNode copy = JsonNodeFactory.instance.arrayNode();
			value.values().forEach(element -> copy.add(sorted(element)));
			return copy;
		}
		return value;
	}

}
