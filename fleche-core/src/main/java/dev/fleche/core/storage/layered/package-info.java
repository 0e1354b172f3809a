/**
 * Layered storages: a stack of stores, nearest first, read through and written to all.
 */
@NullMarked
package dev.fleche.core.storage.layered;

import org.jspecify.annotations.NullMarked;
