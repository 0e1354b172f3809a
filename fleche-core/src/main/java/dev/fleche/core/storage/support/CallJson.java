package dev.fleche.core.storage.support;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.fleche.core.call.Call;
import dev.fleche.core.digest.Digest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON form of a call record: {@code {"name", "version", "arguments": [{"name", "digest"}],
 * "result", "metadata": {namespace: value}}}. Arguments keep their order.
 */
public final class CallJson {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private CallJson() {
	}

	/** The JSON bytes of {@code call}. */
	public static byte[] write(Call call) {
		ObjectNode root = MAPPER.createObjectNode();
		root.put("name", call.name());
		root.put("version", call.version());
		ArrayNode arguments = root.putArray("arguments");
		call.arguments().forEach((name, digest) -> arguments.addObject().put("name", name).put("digest", digest.hex()));
		root.put("result", call.result().hex());
		ObjectNode metadata = root.putObject("metadata");
		call.metadata().forEach(metadata::set);
		return MAPPER.writeValueAsBytes(root);
	}

	/** Canonical JSON text of a metadata value, for equality in SQL. */
	public static String canonical(JsonNode value) {
		return MAPPER.writeValueAsString(value);
	}

	/** Parses JSON text of a metadata value. */
	public static JsonNode parse(String json) {
		return MAPPER.readTree(json);
	}

	/**
	 * The call in {@code bytes}.
	 * @throws IllegalArgumentException if the bytes are not a call record
	 */
	public static Call read(byte[] bytes) {
		try {
			JsonNode root = MAPPER.readTree(bytes);
			Map<String, Digest> arguments = new LinkedHashMap<>();
			for (JsonNode argument : required(root, "arguments")) {
				arguments.put(required(argument, "name").asString(), Digest.of(required(argument, "digest").asString()));
			}
			Map<String, JsonNode> metadata = new LinkedHashMap<>();
			JsonNode meta = root.get("metadata");
			if (meta != null) {
				meta.properties().forEach(entry -> metadata.put(entry.getKey(), entry.getValue()));
			}
			return new Call(required(root, "name").asString(), required(root, "version").asString(), arguments,
					Digest.of(required(root, "result").asString()), metadata);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("not a call record: " + ex.getMessage(), ex);
		}
	}

	private static JsonNode required(JsonNode node, String field) {
		JsonNode value = node == null ? null : node.get(field);
		if (value == null || value.isNull()) {
			throw new IllegalArgumentException("missing field '" + field + "'");
		}
		return value;
	}

}
