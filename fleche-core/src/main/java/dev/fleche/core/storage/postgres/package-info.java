/**
 * Values and call records in a PostgreSQL database, shared by every process that uses it.
 */
@NullMarked
package dev.fleche.core.storage.postgres;

import org.jspecify.annotations.NullMarked;
