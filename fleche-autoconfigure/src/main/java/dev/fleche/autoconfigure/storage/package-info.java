/**
 * Auto-configuration of the storage beans and the lock advice around them.
 */
@NullMarked
package dev.fleche.autoconfigure.storage;

import org.jspecify.annotations.NullMarked;
