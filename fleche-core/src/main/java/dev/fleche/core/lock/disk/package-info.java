/**
 * The disk lock backend: cross-process locks for processes on one host sharing a directory.
 */
@NullMarked
package dev.fleche.core.lock.disk;

import org.jspecify.annotations.NullMarked;
