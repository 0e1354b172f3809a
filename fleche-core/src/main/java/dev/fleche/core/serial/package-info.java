/**
 * Serialization of stored values behind an SPI, with a safe Jackson default.
 */
@NullMarked
package dev.fleche.core.serial;

import org.jspecify.annotations.NullMarked;
