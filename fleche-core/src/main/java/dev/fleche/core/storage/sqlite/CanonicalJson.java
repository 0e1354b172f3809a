package dev.fleche.core.storage.sqlite;

import dev.fleche.core.call.JsonContainment;
import tools.jackson.databind.JsonNode;

/**
 * JSON text with object fields sorted, so that two equal metadata values (equal as
 * {@link JsonNode}s) have the same text and can be compared in SQL.
 */
final class CanonicalJson {

	private CanonicalJson() {
	}

	static String of(JsonNode value) {
		return JsonContainment.canonical(value);
	}

}
