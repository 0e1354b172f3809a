package dev.fleche.core.lock.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.OptionalDouble;

import org.jspecify.annotations.Nullable;

/**
 * The running averages: one row per key with the sum and the count, each operation one statement.
 */
final class Averages {

	private final PostgresLockBackend backend;

	Averages(PostgresLockBackend backend) {
		this.backend = backend;
	}

	void add(String key, double value) {
		run(key, this.backend.sql().averageAdd, value);
	}

	OptionalDouble get(String key) {
		return run(key, this.backend.sql().averageGet, null);
	}

	OptionalDouble pop(String key) {
		return run(key, this.backend.sql().averagePop, null);
	}

	private OptionalDouble run(String key, String sql, @Nullable Double add) {
		Objects.requireNonNull(key, "key");
		try (Connection connection = this.backend.connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, key);
			if (add != null) {
				statement.setDouble(2, add);
				statement.executeUpdate();
				return OptionalDouble.empty();
			}
			try (ResultSet row = statement.executeQuery()) {
				return row.next() ? OptionalDouble.of(row.getDouble(1) / row.getLong(2)) : OptionalDouble.empty();
			}
		}
		catch (SQLException ex) {
			throw new PostgresLockException(key, "The averager '" + key + "' failed in PostgreSQL", ex);
		}
	}

}
