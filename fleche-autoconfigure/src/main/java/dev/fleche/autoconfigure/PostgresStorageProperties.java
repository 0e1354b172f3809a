package dev.fleche.autoconfigure;

/**
 * Settings of the PostgreSQL store under {@code fleche.storage.postgres.*}.
 */
public class PostgresStorageProperties {

	/**
	 * Whether the store creates its tables on start ('always') or expects them to exist ('never';
	 * run the script dev/fleche/core/storage/postgres/schema.sql from fleche-core).
	 */
	private InitializeSchema initializeSchema = InitializeSchema.ALWAYS;

	/**
	 * Schema of the store's tables: lowercase letters, digits and underscores.
	 */
	private String schema = "public";

	/**
	 * Prefix of the store's table names (<prefix>_values, <prefix>_calls): lowercase letters,
	 * digits and underscores.
	 */
	private String tablePrefix = "fleche";

	public InitializeSchema getInitializeSchema() {
		return this.initializeSchema;
	}

	public void setInitializeSchema(InitializeSchema initializeSchema) {
		this.initializeSchema = initializeSchema;
	}

	public String getSchema() {
		return this.schema;
	}

	public void setSchema(String schema) {
		this.schema = schema;
	}

	public String getTablePrefix() {
		return this.tablePrefix;
	}

	public void setTablePrefix(String tablePrefix) {
		this.tablePrefix = tablePrefix;
	}

	/** Whether a PostgreSQL backend creates its schema on start. */
	public enum InitializeSchema {

		/** Create the tables and functions on start if missing (idempotent). */
		ALWAYS,

		/** Never; the schema script was run by hand. */
		NEVER

	}

}
