/**
 * A Spring Integration {@code LockRegistry} backed by Fleche's {@code LockService}.
 */
@NullMarked
package dev.fleche.autoconfigure.integration;

import org.jspecify.annotations.NullMarked;
