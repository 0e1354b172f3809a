/**
 * The call cache: persistent, content-addressed memoization of function calls with single-flight.
 */
@NullMarked
package dev.fleche.core.cache;

import org.jspecify.annotations.NullMarked;
