package dev.fleche.autoconfigure.actuate.cache;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One cached function: how many calls are stored and how many bytes they take (call records and
 * result values), hits and misses since start, and the creation times of its oldest and newest call.
 */
public record FunctionDescriptor(String name, int calls, long storedBytes, long hits, long misses,
		@Nullable Instant oldest, @Nullable Instant newest) {
}
