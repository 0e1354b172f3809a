/**
 * {@code Mono}, {@code Flux} and {@code CompletableFuture} results of cached and locked methods.
 */
@NullMarked
package dev.fleche.autoconfigure.reactive;

import org.jspecify.annotations.NullMarked;
