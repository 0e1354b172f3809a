package dev.fleche.autoconfigure.postgres;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import dev.fleche.autoconfigure.PostgresStorageProperties.InitializeSchema;
import dev.fleche.core.postgres.SqlNames;

/**
 * Checks and messages of the PostgreSQL configuration, naming the property or dependency at fault.
 */
public final class PostgresRequirements {

	private PostgresRequirements() {
	}

	/** The start-up error when {@code property} selects PostgreSQL but the driver is missing. */
	public static IllegalStateException missing(String property) {
		return new IllegalStateException(property + "=postgres needs the PostgreSQL JDBC driver on the class path: "
				+ "add the dependency org.postgresql:postgresql (and spring-boot-starter-jdbc for the DataSource)");
	}

	/** Validated names, or an error naming the properties. */
	static SqlNames names(String prefix, String schema, String tablePrefix) {
		check(prefix + ".schema", "schema", schema);
		check(prefix + ".table-prefix", "table prefix", tablePrefix);
		return new SqlNames(schema, tablePrefix);
	}

	private static void check(String property, String what, String value) {
		try {
			SqlNames.check(what, value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(property, value, ex.getMessage());
		}
	}

	static boolean initialize(InitializeSchema mode) {
		return mode == InitializeSchema.ALWAYS;
	}

}
