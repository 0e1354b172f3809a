package dev.fleche.core.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens a new physical connection each time, never one borrowed from a pool: for the connections
 * a backend keeps for itself (the lock session, its watchers).
 */
@FunctionalInterface
public interface ConnectionFactory {

	/** Opens a new connection. */
	Connection connect() throws SQLException;

	/** A factory over {@link DriverManager} with a URL, user and password (either may be null). */
	static ConnectionFactory of(String url, @org.jspecify.annotations.Nullable String user,
			@org.jspecify.annotations.Nullable String password) {
		return () -> {
			Properties properties = new Properties();
			if (user != null) {
				properties.setProperty("user", user);
			}
			if (password != null) {
				properties.setProperty("password", password);
			}
			return DriverManager.getConnection(url, properties);
		};
	}

}
