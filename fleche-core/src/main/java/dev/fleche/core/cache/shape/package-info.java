/**
 * The shape of a declared result type, made part of a cached call's key.
 */
@NullMarked
package dev.fleche.core.cache.shape;

import org.jspecify.annotations.NullMarked;
