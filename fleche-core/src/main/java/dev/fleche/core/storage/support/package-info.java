/**
 * Building blocks shared by the storage backends: key resolution, byte stores, encoded storages.
 */
@NullMarked
package dev.fleche.core.storage.support;

import org.jspecify.annotations.NullMarked;
