package dev.fleche.core.call;

import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * When a stored metadata value matches a filter: by containment. An object filter matches an object
 * that has each of its fields with a matching value, recursively (the stored object may hold
 * more); an empty object filter matches any value that is present. Other values are compared as
 * JSON values: numbers by numeric value ({@code 1} matches {@code 1.0}), strings, booleans and null
 * by type and value, arrays as a whole (same elements in the same order, in canonical form). Every
 * backend implements this rule; the in-memory one is here.
 */
public final class JsonContainment {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private JsonContainment() {
	}

	/** Whether {@code actual} contains {@code filter}. */
	public static boolean contains(JsonNode actual, JsonNode filter) {
		if (filter.isObject()) {
			if (filter.isEmpty()) {
				return true;
			}
			if (!actual.isObject()) {
				return false;
			}
			for (Map.Entry<String, JsonNode> field : filter.properties()) {
				JsonNode value = actual.get(field.getKey());
				if (value == null || !contains(value, field.getValue())) {
					return false;
				}
			}
			return true;
		}
		if (filter.isNumber()) {
			return actual.isNumber() && numericallyEqual(actual, filter);
		}
		if (filter.isArray()) {
			return actual.isArray() && canonical(actual).equals(canonical(filter));
		}
		if (filter.isString()) {
			return actual.isString() && actual.stringValue().equals(filter.stringValue());
		}
		if (filter.isBoolean()) {
			return actual.isBoolean() && actual.booleanValue() == filter.booleanValue();
		}
		return filter.isNull() && actual.isNull();
	}

	/**
	 * JSON text of {@code value} with object fields sorted, so that equal values have equal text.
	 */
	public static String canonical(JsonNode value) {
		return MAPPER.writeValueAsString(sorted(value));
	}

	private static boolean numericallyEqual(JsonNode actual, JsonNode filter) {
		if (actual.isIntegralNumber() && filter.isIntegralNumber()) {
			return actual.bigIntegerValue().equals(filter.bigIntegerValue());
		}
		return actual.doubleValue() == filter.doubleValue();
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
