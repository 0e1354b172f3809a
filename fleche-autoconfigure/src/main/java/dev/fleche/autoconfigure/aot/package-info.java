/**
 * Ahead-of-time and native-image hints for what Fleche reflects on.
 */
@NullMarked
package dev.fleche.autoconfigure.aot;

import org.jspecify.annotations.NullMarked;
