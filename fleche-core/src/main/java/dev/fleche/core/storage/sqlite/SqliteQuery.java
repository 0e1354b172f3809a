package dev.fleche.core.storage.sqlite;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.fleche.core.call.CallTemplate;
import dev.fleche.core.digest.Digest;
import tools.jackson.databind.JsonNode;

/**
 * A {@link CallTemplate} as one SQL query over the indexed tables: every field the template sets
 * becomes a condition, all of them ANDed.
 */
final class SqliteQuery {

	private final String sql;

	private final List<String> parameters;

	private SqliteQuery(String sql, List<String> parameters) {
		this.sql = sql;
		this.parameters = parameters;
	}

	static SqliteQuery of(CallTemplate template) {
		StringBuilder sql = new StringBuilder("SELECT c.key FROM fleche_calls c WHERE 1 = 1");
		List<String> parameters = new ArrayList<>();
		if (template.name() != null) {
			sql.append(" AND c.name = ?");
			parameters.add(template.name());
		}
		if (template.version() != null) {
			sql.append(" AND c.version = ?");
			parameters.add(template.version());
		}
		if (template.result() != null) {
			sql.append(" AND c.result = ?");
			parameters.add(template.result().hex());
		}
		for (Map.Entry<String, Digest> argument : template.arguments().entrySet()) {
			sql.append(" AND EXISTS (SELECT 1 FROM fleche_call_arguments a WHERE a.call_key = c.key"
					+ " AND a.name = ? AND a.digest = ?)");
			parameters.add(argument.getKey());
			parameters.add(argument.getValue().hex());
		}
		for (Map.Entry<String, JsonNode> namespace : template.metadata().entrySet()) {
			sql.append(" AND EXISTS (SELECT 1 FROM fleche_call_metadata m WHERE m.call_key = c.key AND m.namespace = ?");
			parameters.add(namespace.getKey());
			if (namespace.getValue() != null) {
				sql.append(" AND m.json = ?");
				parameters.add(CanonicalJson.of(namespace.getValue()));
			}
			sql.append(")");
		}
		sql.append(" ORDER BY c.key");
		return new SqliteQuery(sql.toString(), List.copyOf(parameters));
	}

	/** Whether {@code call}, selected by the SQL, matches; true unless part of the template is checked in memory. */
	boolean accepts(dev.fleche.core.call.Call call) {
		return true;
	}

	String sql() {
		return this.sql;
	}

	void bind(PreparedStatement statement) throws SQLException {
		for (int i = 0; i < this.parameters.size(); i++) {
			statement.setString(i + 1, this.parameters.get(i));
		}
	}

}
