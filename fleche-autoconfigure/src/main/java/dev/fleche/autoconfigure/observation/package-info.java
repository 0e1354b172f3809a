/**
 * Micrometer {@code Observation}s of lock waits and holds and of cached calls.
 */
@NullMarked
package dev.fleche.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
