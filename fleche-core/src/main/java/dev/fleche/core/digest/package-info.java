/**
 * Content digests: the {@link dev.fleche.core.digest.Digest} value type and the canonical digester.
 */
@NullMarked
package dev.fleche.core.digest;

import org.jspecify.annotations.NullMarked;
