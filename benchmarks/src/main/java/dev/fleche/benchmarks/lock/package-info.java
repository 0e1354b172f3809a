/**
 * Benchmarks of the lock backends against the JDK's file locks.
 */
@NullMarked
package dev.fleche.benchmarks.lock;

import org.jspecify.annotations.NullMarked;
