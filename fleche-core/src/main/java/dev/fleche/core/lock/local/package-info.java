/**
 * The in-JVM lock backend, built on java.util.concurrent.
 */
@NullMarked
package dev.fleche.core.lock.local;

import org.jspecify.annotations.NullMarked;
