/**
 * Auto-configuration of layered stores ({@code fleche.storage.layers}).
 */
@NullMarked
package dev.fleche.autoconfigure.storage.layered;

import org.jspecify.annotations.NullMarked;
