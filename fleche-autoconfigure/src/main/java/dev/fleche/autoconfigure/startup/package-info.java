/**
 * Start-up checks of annotated methods: what a proxy cannot intercept, unknown key variables.
 */
@NullMarked
package dev.fleche.autoconfigure.startup;

import org.jspecify.annotations.NullMarked;
