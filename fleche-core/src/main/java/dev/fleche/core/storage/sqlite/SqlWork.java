package dev.fleche.core.storage.sqlite;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work done on one connection.
 */
@FunctionalInterface
interface SqlWork<T> {

	T apply(Connection connection) throws SQLException;

}
