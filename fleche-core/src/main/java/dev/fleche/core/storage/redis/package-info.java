/**
 * Value and call storage on a Redis server: entries under a key prefix, a sorted index for prefix lookups, an index per function name.
 */
@NullMarked
package dev.fleche.core.storage.redis;

import org.jspecify.annotations.NullMarked;
