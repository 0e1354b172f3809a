/**
 * A size limit for a store: least-recently-used eviction of calls and collection of orphan values.
 */
@NullMarked
package dev.fleche.core.cache.eviction;

import org.jspecify.annotations.NullMarked;
