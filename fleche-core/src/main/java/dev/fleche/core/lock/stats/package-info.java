/**
 * Statistics of lock use per key, gathered by a listener, with immutable snapshots.
 */
@NullMarked
package dev.fleche.core.lock.stats;

import org.jspecify.annotations.NullMarked;
