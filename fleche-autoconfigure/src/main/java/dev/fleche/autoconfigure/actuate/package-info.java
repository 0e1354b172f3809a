/**
 * The read-only {@code locks} actuator endpoint and its auto-configuration.
 */
@NullMarked
package dev.fleche.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
