/**
 * Thread-safety decorators for storages: one read/write lock per storage, or one per key.
 */
@NullMarked
package dev.fleche.core.storage.sync;

import org.jspecify.annotations.NullMarked;
