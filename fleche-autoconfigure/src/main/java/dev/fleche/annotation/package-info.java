/**
 * The annotations of Fleche: {@link dev.fleche.annotation.CachedCall} and {@link dev.fleche.annotation.Locked}.
 */
@NullMarked
package dev.fleche.annotation;

import org.jspecify.annotations.NullMarked;
