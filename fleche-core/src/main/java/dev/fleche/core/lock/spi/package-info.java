/**
 * The lock backend SPI: a FIFO queue with modes per key, on which the primitives are built once.
 */
@NullMarked
package dev.fleche.core.lock.spi;

import org.jspecify.annotations.NullMarked;
