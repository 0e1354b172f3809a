package dev.fleche.core.digest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one fallback for objects no rule covers: their bean properties as Jackson sees them (public
 * getters and fields), turned into plain maps, lists, strings, numbers and booleans. A type with no
 * properties has no content to digest and is refused.
 */
final class BeanFallback {

	private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.FAIL_ON_EMPTY_BEANS).build();

	private BeanFallback() {
	}

	/** The properties of {@code value} as plain values. */
	static Object properties(Object value) {
		JsonNode tree;
		try {
			tree = MAPPER.valueToTree(value);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new UndigestableValueException(value.getClass(),
					"no canonical form is known for this type and its bean properties cannot be read ("
							+ ex.getMessage() + ")", ex);
		}
		if (!tree.isObject() || tree.isEmpty()) {
			throw new UndigestableValueException(value.getClass(),
					"no canonical form is known for this type and it has no bean properties");
		}
		return plain(tree);
	}

	private static @Nullable Object plain(JsonNode node) {
		if (node.isObject()) {
			Map<String, Object> fields = new TreeMap<>();
			node.properties().forEach(entry -> fields.put(entry.getKey(), plain(entry.getValue())));
			return fields;
		}
		if (node.isArray()) {
			List<Object> elements = new ArrayList<>(node.size());
			node.values().forEach(element -> elements.add(plain(element)));
			return elements;
		}
		if (node.isNumber()) {
			return node.decimalValue();
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		if (node.isNull() || node.isMissingNode()) {
			return null;
		}
		return node.asString();
	}

}
