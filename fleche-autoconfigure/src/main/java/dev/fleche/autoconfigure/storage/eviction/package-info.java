/**
 * Auto-configuration of the store's size limit ({@code fleche.storage.size-limit}).
 */
@NullMarked
package dev.fleche.autoconfigure.storage.eviction;

import org.jspecify.annotations.NullMarked;
