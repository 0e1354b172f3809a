package dev.fleche.autoconfigure.actuate.cache;

import java.util.List;

/**
 * What a delete evicted: the keys of the calls.
 */
public record EvictionDescriptor(int evicted, List<String> keys) {
}
