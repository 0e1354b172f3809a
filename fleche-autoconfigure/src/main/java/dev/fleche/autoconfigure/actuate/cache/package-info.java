/**
 * The {@code cachedcalls} actuator endpoint: cached functions and calls, without their values.
 */
@NullMarked
package dev.fleche.autoconfigure.actuate.cache;

import org.jspecify.annotations.NullMarked;
