package dev.fleche.core.lock.postgres;

import java.time.Duration;
import java.util.Objects;

import dev.fleche.core.postgres.SqlNames;

/**
 * Settings of the PostgreSQL lock backend. Immutable; {@link #defaults()} and the {@code with}
 * methods make variants.
 *
 * @param names the schema and table prefix (default {@code public} and {@code fleche_lock})
 * @param initializeSchema whether the backend creates its tables and functions on start (default
 * true); when false the script {@value #SCHEMA_RESOURCE} must have been run
 * @param safetyRecheck how often keys with waiters in this process are re-examined, in case a
 * notification was missed (default 2 s); waiters are woken by notifications, not by this
 * @param reconnectDelay the pause between attempts to reopen a failed lock session (default 200 ms)
 */
public record PostgresLockSettings(SqlNames names, boolean initializeSchema, Duration safetyRecheck,
		Duration reconnectDelay) {

	/** The class path resource holding the DDL, with {@code ${schema}}, {@code ${prefix}} and {@code ${namespace}}. */
	public static final String SCHEMA_RESOURCE = "dev/fleche/core/lock/postgres/schema.sql";

	private static final PostgresLockSettings DEFAULTS = new PostgresLockSettings(new SqlNames("public", "fleche_lock"),
			true, Duration.ofSeconds(2), Duration.ofMillis(200));

	public PostgresLockSettings {
		Objects.requireNonNull(names, "names");
		requirePositive("safetyRecheck", safetyRecheck);
		requirePositive("reconnectDelay", reconnectDelay);
	}

	/** The defaults. */
	public static PostgresLockSettings defaults() {
		return DEFAULTS;
	}

	/** The DDL for these names, to run by hand when {@link #initializeSchema()} is false. */
	public String schemaScript() {
		return new LockSql(this.names).schema().render();
	}

	/** These settings with another schema and table prefix, both validated. */
	public PostgresLockSettings withNames(String schema, String prefix) {
		return new PostgresLockSettings(new SqlNames(schema, prefix), this.initializeSchema, this.safetyRecheck,
				this.reconnectDelay);
	}

	/** These settings, creating the schema on start or not. */
	public PostgresLockSettings withInitializeSchema(boolean initialize) {
		return new PostgresLockSettings(this.names, initialize, this.safetyRecheck, this.reconnectDelay);
	}

	/** These settings with another safety re-check period. */
	public PostgresLockSettings withSafetyRecheck(Duration period) {
		return new PostgresLockSettings(this.names, this.initializeSchema, period, this.reconnectDelay);
	}

	/** These settings with another reconnect delay. */
	public PostgresLockSettings withReconnectDelay(Duration delay) {
		return new PostgresLockSettings(this.names, this.initializeSchema, this.safetyRecheck, delay);
	}

	private static void requirePositive(String name, Duration value) {
		Objects.requireNonNull(value, name);
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, got " + value);
		}
	}

}
