/**
 * Stock counters kept in plain files, updated under a per-item {@code @Locked} read/write lock.
 */
@NullMarked
package dev.fleche.sample.stock;

import org.jspecify.annotations.NullMarked;
