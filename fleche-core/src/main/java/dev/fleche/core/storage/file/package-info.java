/**
 * File storage: one file per digest, written atomically.
 */
@NullMarked
package dev.fleche.core.storage.file;

import org.jspecify.annotations.NullMarked;
