package dev.fleche.core.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * A DDL script shipped as a class path resource, with {@code ${schema}} and {@code ${prefix}}
 * placeholders (and others a backend adds). Users who create the schema themselves
 * ({@code initialize-schema=never}) run the rendered script; {@link #apply} runs it in one
 * transaction, serialized across processes by an advisory lock, so concurrent first uses do not
 * collide. Every statement is idempotent ({@code IF NOT EXISTS}, {@code CREATE OR REPLACE}).
 */
public final class SchemaScript {

	private static final long INIT_LOCK = 0x466c656368650001L;

	private final String resource;

	private final Map<String, String> values;

	/**
	 * @param resource the class path resource
	 * @param names the schema and prefix
	 * @param extra further placeholder values
	 */
	public SchemaScript(String resource, SqlNames names, Map<String, String> extra) {
		this.resource = resource;
		this.values = new java.util.HashMap<>(extra);
		this.values.put("schema", names.schema());
		this.values.put("prefix", names.prefix());
	}

	/** The script with its placeholders filled in. */
	public String render() {
		String text = read();
		for (Map.Entry<String, String> value : this.values.entrySet()) {
			text = text.replace("${" + value.getKey() + "}", value.getValue());
		}
		if (text.contains("${")) {
			throw new IllegalStateException("Unfilled placeholder in " + this.resource);
		}
		return text;
	}

	/** Runs the script on {@code connection} in one transaction; restores auto-commit. */
	public void apply(Connection connection) throws SQLException {
		String script = render();
		boolean autoCommit = connection.getAutoCommit();
		connection.setAutoCommit(false);
		try (Statement statement = connection.createStatement()) {
			statement.execute("SELECT pg_advisory_xact_lock(" + INIT_LOCK + ")");
			statement.execute(script);
			connection.commit();
		}
		catch (SQLException ex) {
			connection.rollback();
			throw ex;
		}
		finally {
			connection.setAutoCommit(autoCommit);
		}
	}

	private String read() {
		try (InputStream in = SchemaScript.class.getClassLoader().getResourceAsStream(this.resource)) {
			if (in == null) {
				throw new IllegalStateException("Missing class path resource " + this.resource);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
