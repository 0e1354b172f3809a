package dev.fleche.autoconfigure.actuate.cache;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One cached call, without argument or result values: its key and shortest unique prefix, function,
 * version, argument names, when it was created, last hit in this process, and when it expires.
 */
public record CallDescriptor(String key, String shortKey, String function, String version, List<String> arguments,
		@Nullable Instant created, @Nullable Instant lastHit, @Nullable Instant expiresAt) {
}
