/**
 * Failure analysis of Fleche's start-up errors, as Spring Boot prints its own.
 */
@NullMarked
package dev.fleche.autoconfigure.diagnostics;

import org.jspecify.annotations.NullMarked;
