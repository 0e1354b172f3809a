/**
 * Auto-configuration of the lock service and of {@link dev.fleche.annotation.Locked} methods.
 */
@NullMarked
package dev.fleche.autoconfigure.lock;

import org.jspecify.annotations.NullMarked;
