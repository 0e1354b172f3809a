package dev.fleche.autoconfigure;

import java.time.Duration;

import dev.fleche.autoconfigure.PostgresStorageProperties.InitializeSchema;

/**
 * Settings of the PostgreSQL lock backend under {@code fleche.lock.postgres.*}.
 */
public class PostgresLockProperties {

	/**
	 * Whether the backend creates its tables and functions on start ('always') or expects them
	 * to exist ('never'; run the script dev/fleche/core/lock/postgres/schema.sql from fleche-core).
	 */
	private InitializeSchema initializeSchema = InitializeSchema.ALWAYS;

	/**
	 * Schema of the lock tables: lowercase letters, digits and underscores.
	 */
	private String schema = "public";

	/**
	 * Prefix of the lock tables, functions and notification channel: lowercase letters, digits and
	 * underscores.
	 */
	private String tablePrefix = "fleche_lock";

	/**
	 * How often keys with waiters in this process are re-examined in case a notification was
	 * missed; waiters are woken by notifications, not by this.
	 */
	private Duration safetyRecheck = Duration.ofSeconds(2);

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

	public Duration getSafetyRecheck() {
		return this.safetyRecheck;
	}

	public void setSafetyRecheck(Duration safetyRecheck) {
		this.safetyRecheck = safetyRecheck;
	}

}
