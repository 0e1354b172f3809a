package dev.fleche.core.storage.sqlite;

import java.sql.SQLException;

/**
 * Work done on one pooled connection.
 */
@FunctionalInterface
interface SqlWork<T> {

	T apply(SqliteSession session) throws SQLException;

}
