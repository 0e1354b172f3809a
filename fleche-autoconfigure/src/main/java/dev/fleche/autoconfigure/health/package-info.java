/**
 * Health contributors for the store of cached calls and for the lock backend.
 */
@NullMarked
package dev.fleche.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
