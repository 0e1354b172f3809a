package dev.fleche.core.cache.eviction;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import dev.fleche.core.call.Call;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The last access of a call as its record keeps it: the metadata namespace {@value #NAMESPACE}
 * holding an ISO-8601 instant, written by the {@link SizeLimiter} at most once a minute per call.
 */
public final class LastAccess {

	/** The metadata namespace of the last access. */
	public static final String NAMESPACE = "fleche.access";

	private LastAccess() {
	}

	/** The last access recorded in {@code call}, in epoch milliseconds, or {@code 0}. */
	public static long of(Call call) {
		JsonNode value = call.metadata().get(NAMESPACE);
		if (value == null || !value.isString()) {
			return 0;
		}
		try {
			return Instant.parse(value.asString()).toEpochMilli();
		}
		catch (DateTimeParseException ex) {
			return 0;
		}
	}

	/** {@code call} with its last access at {@code millis}. */
	static Call recorded(Call call, long millis) {
		return call.withMetadata(NAMESPACE, JsonNodeFactory.instance.stringNode(Instant.ofEpochMilli(millis).toString()));
	}

}
