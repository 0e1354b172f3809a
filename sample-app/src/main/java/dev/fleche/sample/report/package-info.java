/**
 * Yearly reports: expensive to compute, cached persistently with {@code @CachedCall}.
 */
@NullMarked
package dev.fleche.sample.report;

import org.jspecify.annotations.NullMarked;
