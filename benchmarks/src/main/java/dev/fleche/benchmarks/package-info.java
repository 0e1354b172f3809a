/**
 * JMH benchmarks of Fleche, side by side with peers.
 */
@NullMarked
package dev.fleche.benchmarks;

import org.jspecify.annotations.NullMarked;
