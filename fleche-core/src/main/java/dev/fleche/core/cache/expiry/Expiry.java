package dev.fleche.core.cache.expiry;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.call.Call;
import dev.fleche.core.call.CallTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The expiry time of a call record: the metadata namespace {@value #NAMESPACE} holding an
 * ISO-8601 instant, such as {@code "2026-12-06T10:15:30Z"}. A call is expired from that instant
 * on; a call without it never expires. Query the calls that can expire with {@link #template()}.
 */
public final class Expiry {

	/** The metadata namespace of the expiry time. */
	public static final String NAMESPACE = "fleche.expiry";

	private Expiry() {
	}

	/** The metadata value for a call created {@code now} that lives {@code expireAfter}. */
	public static JsonNode metadata(Instant now, Duration expireAfter) {
		Objects.requireNonNull(expireAfter, "expireAfter");
		if (expireAfter.isNegative() || expireAfter.isZero()) {
			throw new IllegalArgumentException("An expiry must be positive, not " + expireAfter);
		}
		return JsonNodeFactory.instance.stringNode(now.plus(expireAfter).toString());
	}

	/** When {@code call} expires, or {@code null} if it does not; an unreadable time counts as expired. */
	public static @Nullable Instant expiresAt(Call call) {
		JsonNode value = call.metadata().get(NAMESPACE);
		if (value == null || value.isNull()) {
			return null;
		}
		try {
			return Instant.parse(value.asString());
		}
		catch (DateTimeParseException ex) {
			return Instant.MIN;
		}
	}

	/** Whether {@code call} is expired at {@code now}. */
	public static boolean isExpired(Call call, Instant now) {
		Instant expiresAt = expiresAt(call);
		return expiresAt != null && !now.isBefore(expiresAt);
	}

	/** The template of every call that has an expiry time. */
	public static CallTemplate template() {
		return CallTemplate.any().withMetadata(NAMESPACE);
	}

}
