/**
 * Micrometer meters for Fleche locks and the call cache, and their auto-configuration.
 */
@NullMarked
package dev.fleche.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
