/**
 * The storage SPI: key management over digests, value storage and call storage, and their errors.
 */
@NullMarked
package dev.fleche.core.storage;

import org.jspecify.annotations.NullMarked;
