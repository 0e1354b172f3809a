/**
 * Lock primitives handed out by key: mutex, re-entrant lock, read/write lock, bounded semaphore,
 * FIFO lock with modes, and an averager, behind one backend SPI.
 */
@NullMarked
package dev.fleche.core.lock;

import org.jspecify.annotations.NullMarked;
