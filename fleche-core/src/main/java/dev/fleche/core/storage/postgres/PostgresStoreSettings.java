package dev.fleche.core.storage.postgres;

import java.util.Objects;

import dev.fleche.core.postgres.SqlNames;

/**
 * Settings of the PostgreSQL store.
 *
 * @param names the schema and table prefix (default {@code public} and {@code fleche})
 * @param initializeSchema whether the store creates its tables on open (default true); when false
 * the script {@value #SCHEMA_RESOURCE} must have been run
 */
public record PostgresStoreSettings(SqlNames names, boolean initializeSchema) {

	/** The class path resource holding the DDL, with {@code ${schema}} and {@code ${prefix}}. */
	public static final String SCHEMA_RESOURCE = "dev/fleche/core/storage/postgres/schema.sql";

	public PostgresStoreSettings {
		Objects.requireNonNull(names, "names");
	}

	/** Schema {@code public}, prefix {@code fleche}, schema created on open. */
	public static PostgresStoreSettings defaults() {
		return new PostgresStoreSettings(new SqlNames("public", "fleche"), true);
	}

	/** The DDL for these names, to run by hand when {@link #initializeSchema()} is false. */
	public String schemaScript() {
		return new dev.fleche.core.postgres.SchemaScript(SCHEMA_RESOURCE, this.names, java.util.Map.of()).render();
	}

	/** These settings with another schema and table prefix, both validated. */
	public PostgresStoreSettings withNames(String schema, String prefix) {
		return new PostgresStoreSettings(new SqlNames(schema, prefix), this.initializeSchema);
	}

	/** These settings, creating the schema on open or not. */
	public PostgresStoreSettings withInitializeSchema(boolean initialize) {
		return new PostgresStoreSettings(this.names, initialize);
	}

}
