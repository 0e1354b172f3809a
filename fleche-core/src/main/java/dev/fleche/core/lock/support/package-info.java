/**
 * The lock service: every primitive built once over the lock backend SPI.
 */
@NullMarked
package dev.fleche.core.lock.support;

import org.jspecify.annotations.NullMarked;
