package dev.fleche.core.call;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Checks the nesting depth of metadata values without recursion.
 */
final class MetadataDepth {

	private MetadataDepth() {
	}

	static void check(Map<String, JsonNode> metadata, int limit) {
		for (Map.Entry<String, JsonNode> namespace : metadata.entrySet()) {
			if (depth(namespace.getValue(), limit) > limit) {
				throw new MetadataTooDeepException(namespace.getKey(), limit);
			}
		}
	}

	/** The depth of {@code value} (a scalar is 0), counting no further than {@code limit + 1}. */
	private static int depth(JsonNode value, int limit) {
		if (value == null || !value.isContainer()) {
			return 0;
		}
		Deque<JsonNode> level = new ArrayDeque<>();
		level.add(value);
		int depth = 0;
		while (!level.isEmpty()) {
			depth++;
			if (depth > limit) {
				return depth;
			}
			Deque<JsonNode> next = new ArrayDeque<>();
			for (JsonNode node : level) {
				for (JsonNode child : node.values()) {
					if (child.isContainer()) {
						next.add(child);
					}
				}
			}
			level = next;
		}
		return depth;
	}

}
