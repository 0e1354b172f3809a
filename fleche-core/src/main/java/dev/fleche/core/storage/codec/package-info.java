/**
 * The envelope of stored bytes: format version, serializer, optional compression and signature.
 */
@NullMarked
package dev.fleche.core.storage.codec;

import org.jspecify.annotations.NullMarked;
