/**
 * Auto-configuration of the call cache and of {@link dev.fleche.annotation.CachedCall} methods.
 */
@NullMarked
package dev.fleche.autoconfigure.cache;

import org.jspecify.annotations.NullMarked;
