/**
 * A ShedLock {@code LockProvider} backed by Fleche's {@code LockService}.
 */
@NullMarked
package dev.fleche.autoconfigure.shedlock;

import org.jspecify.annotations.NullMarked;
