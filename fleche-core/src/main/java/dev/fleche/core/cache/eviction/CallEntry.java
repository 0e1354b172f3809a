package dev.fleche.core.cache.eviction;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.cache.expiry.Expiry;
import dev.fleche.core.call.Call;
import dev.fleche.core.digest.Digest;
import tools.jackson.databind.JsonNode;

/**
 * What the ledger knows of one stored call: its size, the values it uses, when it was created and
 * when it expires.
 */
record CallEntry(Digest key, long size, Set<Digest> values, long createdMillis, long accessedMillis,
		@Nullable Instant expiresAt) {

	static CallEntry of(Call call, long size) {
		Set<Digest> values = new HashSet<>(call.arguments().values());
		values.add(call.result());
		return new CallEntry(call.key(), Math.max(0, size), values, created(call), LastAccess.of(call), Expiry.expiresAt(call));
	}

	private static long created(Call call) {
		JsonNode fleche = call.metadata().get("fleche");
		JsonNode created = (fleche != null) ? fleche.get("createdAt") : null;
		if (created == null) {
			return 0;
		}
		try {
			return Instant.parse(created.asString()).toEpochMilli();
		}
		catch (DateTimeParseException ex) {
			return 0;
		}
	}

}
