/**
 * Benchmarks of the Spring annotations: the cost of {@code @Locked} over a plain call, and a
 * {@code @CachedCall} hit on the SQLite store next to a raw SQLite read.
 */
package dev.fleche.benchmarks.spring;
