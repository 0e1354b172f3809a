package dev.fleche.core.storage.postgres;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work done on a connection.
 */
@FunctionalInterface
interface SqlWork<T> {

	T run(Connection connection) throws SQLException;

}
