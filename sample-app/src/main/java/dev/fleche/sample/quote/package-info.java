/**
 * Quotes from a slow dependency, at most two calls at a time behind a {@code @Locked} semaphore.
 */
@NullMarked
package dev.fleche.sample.quote;

import org.jspecify.annotations.NullMarked;
