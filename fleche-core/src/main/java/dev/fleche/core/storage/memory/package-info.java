/**
 * In-memory storage that keeps serialized bytes, for one JVM.
 */
@NullMarked
package dev.fleche.core.storage.memory;

import org.jspecify.annotations.NullMarked;
