package dev.fleche.core.storage.sqlite;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.call.Call;
import dev.fleche.core.call.CallTemplate;
import dev.fleche.core.call.JsonContainment;
import dev.fleche.core.digest.Digest;
import tools.jackson.databind.JsonNode;

/**
 * A {@link CallTemplate} as one SQL query over the indexed tables: every field the template sets
 * becomes a condition, all of them ANDed. A metadata filter becomes one condition per leaf of the
 * filter on the stored JSON, by SQLite's JSON functions, following {@link JsonContainment}. An
 * object key that a JSON path cannot quote (it holds a double quote) is the one case checked in
 * memory, on the rows the rest of the query selected.
 */
final class SqliteQuery {

	private final String sql;

	private final List<Object> parameters;

	private final @Nullable CallTemplate checkedInMemory;

	private SqliteQuery(String sql, List<Object> parameters, @Nullable CallTemplate checkedInMemory) {
		this.sql = sql;
		this.parameters = parameters;
		this.checkedInMemory = checkedInMemory;
	}

	static SqliteQuery of(CallTemplate template) {
		StringBuilder sql = new StringBuilder("SELECT c.key FROM fleche_calls c WHERE 1 = 1");
		List<Object> parameters = new ArrayList<>();
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
		for (String argument : template.presentArguments()) {
			sql.append(" AND EXISTS (SELECT 1 FROM fleche_call_arguments a WHERE a.call_key = c.key AND a.name = ?)");
			parameters.add(argument);
		}
		boolean inMemory = false;
		for (Map.Entry<String, JsonNode> namespace : template.metadata().entrySet()) {
			sql.append(" AND EXISTS (SELECT 1 FROM fleche_call_metadata m WHERE m.call_key = c.key AND m.namespace = ?");
			parameters.add(namespace.getKey());
			if (namespace.getValue() != null) {
				inMemory |= !contains(namespace.getValue(), "$", sql, parameters);
			}
			sql.append(")");
		}
		sql.append(" ORDER BY c.key");
		return new SqliteQuery(sql.toString(), List.copyOf(parameters), inMemory ? template : null);
	}

	/**
	 * Appends the conditions for the value at {@code path} of {@code m.json} to contain
	 * {@code filter}; returns false where a key cannot be written in a path (left to memory).
	 */
	private static boolean contains(JsonNode filter, String path, StringBuilder sql, List<Object> parameters) {
		if (filter.isObject()) {
			if (filter.isEmpty()) {
				if (!path.equals("$")) {
					sql.append(" AND json_type(m.json, ?) IS NOT NULL");
					parameters.add(path);
				}
				return true;
			}
			boolean complete = true;
			for (Map.Entry<String, JsonNode> field : filter.properties()) {
				if (field.getKey().indexOf('"') >= 0) {
					complete = false;
					continue;
				}
				complete &= contains(field.getValue(), path + ".\"" + field.getKey() + "\"", sql, parameters);
			}
			return complete;
		}
		if (filter.isNumber()) {
			sql.append(" AND json_type(m.json, ?) IN ('integer', 'real') AND json_extract(m.json, ?) = ?");
			parameters.add(path);
			parameters.add(path);
			parameters.add(filter.isIntegralNumber() && filter.canConvertToLong() ? (Object) filter.longValue()
					: (Object) filter.doubleValue());
		}
		else if (filter.isString()) {
			sql.append(" AND json_type(m.json, ?) = 'text' AND json_extract(m.json, ?) = ?");
			parameters.add(path);
			parameters.add(path);
			parameters.add(filter.stringValue());
		}
		else if (filter.isArray()) {
			sql.append(" AND json_type(m.json, ?) = 'array' AND json_extract(m.json, ?) = json(?)");
			parameters.add(path);
			parameters.add(path);
			parameters.add(JsonContainment.canonical(filter));
		}
		else {
			sql.append(" AND json_type(m.json, ?) = ?");
			parameters.add(path);
			parameters.add(filter.isBoolean() ? Boolean.toString(filter.booleanValue()) : "null");
		}
		return true;
	}

	/** Whether {@code call}, selected by the SQL, matches: true unless part of the template is checked in memory. */
	boolean accepts(Call call) {
		return this.checkedInMemory == null || this.checkedInMemory.matches(call);
	}

	String sql() {
		return this.sql;
	}

	void bind(PreparedStatement statement) throws SQLException {
		for (int i = 0; i < this.parameters.size(); i++) {
			statement.setObject(i + 1, this.parameters.get(i));
		}
	}

}
