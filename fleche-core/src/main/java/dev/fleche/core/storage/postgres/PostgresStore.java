package dev.fleche.core.storage.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import dev.fleche.core.postgres.SchemaScript;
import dev.fleche.core.serial.JacksonSerializer;
import dev.fleche.core.serial.Serializer;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.StorageException;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.storage.codec.EntryCodec;
import dev.fleche.core.storage.support.EncodedValueStorage;

/**
 * Values and call records in a PostgreSQL database, through a data source (typically the
 * application's pool): values as {@code bytea} in the {@link EntryCodec} envelope, call records
 * with their arguments and metadata as {@code jsonb} (GIN-indexed; metadata filters run as
 * containment). Every process using the same tables shares the cache.
 */
public final class PostgresStore {

	private final ValueStorage values;

	private final CallStorage calls;

	private PostgresStore(ValueStorage values, CallStorage calls) {
		this.values = values;
		this.calls = calls;
	}

	/** Opens the store with JSON values, neither compressed nor signed. */
	public static PostgresStore open(DataSource dataSource, PostgresStoreSettings settings) {
		return open(dataSource, settings, new JacksonSerializer(), EntryCodec.plain());
	}

	/**
	 * Opens the store, creating its tables first if the settings say so.
	 * @throws StorageException if the database cannot be reached or the tables are missing
	 */
	public static PostgresStore open(DataSource dataSource, PostgresStoreSettings settings, Serializer serializer,
			EntryCodec codec) {
		Objects.requireNonNull(dataSource, "dataSource");
		Objects.requireNonNull(settings, "settings");
		String where = settings.names().qualified("*");
		try (Connection connection = dataSource.getConnection()) {
			if (settings.initializeSchema()) {
				new SchemaScript(PostgresStoreSettings.SCHEMA_RESOURCE, settings.names(), Map.of()).apply(connection);
			}
			else {
				checkTables(connection, settings);
			}
		}
		catch (SQLException ex) {
			throw new StorageException("Cannot prepare the PostgreSQL store " + where + ": " + ex.getMessage(), ex);
		}
		PostgresConnections connections = new PostgresConnections(dataSource, where);
		return new PostgresStore(
				new EncodedValueStorage(new PostgresByteStore(connections, settings.names().qualified("values")), serializer,
						codec),
				new PostgresCallStorage(connections, settings.names().qualified("calls"), codec));
	}

	private static void checkTables(Connection connection, PostgresStoreSettings settings) throws SQLException {
		try (PreparedStatement check = connection
			.prepareStatement("SELECT to_regclass(?) IS NOT NULL AND to_regclass(?) IS NOT NULL")) {
			check.setString(1, settings.names().qualified("values"));
			check.setString(2, settings.names().qualified("calls"));
			try (ResultSet result = check.executeQuery()) {
				result.next();
				if (!result.getBoolean(1)) {
					throw new StorageException("The PostgreSQL store's tables " + settings.names().qualified("values")
							+ " and " + settings.names().qualified("calls") + " are missing; run "
							+ PostgresStoreSettings.SCHEMA_RESOURCE + " or set initialize-schema to always");
				}
			}
		}
	}

	/** The value storage. */
	public ValueStorage values() {
		return this.values;
	}

	/** The call storage. */
	public CallStorage calls() {
		return this.calls;
	}

}
