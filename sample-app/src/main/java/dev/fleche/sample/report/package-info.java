/**
 * A yearly sales report, expensive to compute, cached across restarts with {@code @CachedCall}.
 */
@NullMarked
package dev.fleche.sample.report;

import org.jspecify.annotations.NullMarked;
