/**
 * The embedded default store: one SQLite database file for values and call records, safe for
 * several processes on one host.
 */
@NullMarked
package dev.fleche.core.storage.sqlite;

import org.jspecify.annotations.NullMarked;
