/**
 * Auto-configuration of Fleche: its properties under {@code fleche.*}.
 */
@NullMarked
package dev.fleche.autoconfigure;

import org.jspecify.annotations.NullMarked;
