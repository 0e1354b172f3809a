/**
 * Fleche core: plain Java, no Spring.
 */
@NullMarked
package dev.fleche.core;

import org.jspecify.annotations.NullMarked;
