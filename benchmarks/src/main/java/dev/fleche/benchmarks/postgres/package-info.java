/**
 * PostgreSQL lock benchmarks next to Spring Integration's JdbcLockRegistry and ShedLock's JDBC provider.
 */
@NullMarked
package dev.fleche.benchmarks.postgres;

import org.jspecify.annotations.NullMarked;
