package dev.fleche.autoconfigure.springcache;

import org.jspecify.annotations.Nullable;

/**
 * What the cache manager stores under an entry's key: the value and when it was stored, so an
 * expiry set for the cache can be checked on read.
 *
 * @param storedAt epoch milliseconds of the write
 * @param value the cached value, possibly {@code null}
 * @param <T> the value type
 */
public record StoredEntry<T>(long storedAt, @Nullable T value) {
}
