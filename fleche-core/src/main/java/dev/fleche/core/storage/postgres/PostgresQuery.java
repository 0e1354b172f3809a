package dev.fleche.core.storage.postgres;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.fleche.core.call.Call;
import dev.fleche.core.call.CallTemplate;
import dev.fleche.core.digest.Digest;

/**
 * A {@link CallTemplate} as one SQL query: name, version and result as indexed equalities,
 * arguments and metadata values as {@code jsonb} containment ({@code @>}, served by the GIN
 * indexes), metadata presence as the key-exists operator. Containment also accepts a stored
 * namespace holding more than the filter; {@link #accepts(Call)} then checks each selected record
 * as the template matches in memory, so the answer is exactly that of {@link CallTemplate#matches}.
 */
final class PostgresQuery {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final CallTemplate template;

	private final String sql;

	private final List<String> parameters;

	private PostgresQuery(CallTemplate template, String sql, List<String> parameters) {
		this.template = template;
		this.sql = sql;
		this.parameters = parameters;
	}

	static PostgresQuery of(CallTemplate template, String table) {
		StringBuilder sql = new StringBuilder("SELECT key, record FROM " + table + " WHERE TRUE");
		List<String> parameters = new ArrayList<>();
		if (template.name() != null) {
			sql.append(" AND name = ?");
			parameters.add(template.name());
		}
		if (template.version() != null) {
			sql.append(" AND version = ?");
			parameters.add(template.version());
		}
		if (template.result() != null) {
			sql.append(" AND result = ?");
			parameters.add(template.result().hex());
		}
		if (!template.arguments().isEmpty()) {
			ObjectNode arguments = MAPPER.createObjectNode();
			template.arguments().forEach((name, digest) -> arguments.put(name, digest.hex()));
			sql.append(" AND arguments @> ?::jsonb");
			parameters.add(arguments.toString());
		}
		for (String name : template.presentArguments()) {
			sql.append(" AND arguments ?? ?");
			parameters.add(name);
		}
		ObjectNode values = MAPPER.createObjectNode();
		for (Map.Entry<String, JsonNode> filter : template.metadata().entrySet()) {
			JsonNode indexable = (filter.getValue() != null) ? indexable(filter.getValue()) : null;
			if (indexable == null) {
				sql.append(" AND metadata ?? ?");
				parameters.add(filter.getKey());
			}
			else {
				values.set(filter.getKey(), indexable);
			}
		}
		if (!values.isEmpty()) {
			sql.append(" AND metadata @> ?::jsonb");
			parameters.add(values.toString());
		}
		sql.append(" ORDER BY key");
		return new PostgresQuery(template, sql.toString(), List.copyOf(parameters));
	}

	/**
	 * The part of a metadata filter that {@code @>} can check without being stricter than
	 * {@link dev.fleche.core.call.JsonContainment}: an empty object matches any value there, which
	 * {@code @>} would not, so empty objects are left out (a field whose filter became empty still
	 * needs its key, which the exact check afterwards verifies).
	 * @return the filter to send, or {@code null} if only the namespace's presence can be checked
	 */
	static @org.jspecify.annotations.Nullable JsonNode indexable(JsonNode filter) {
		if (!filter.isObject()) {
			return filter;
		}
		ObjectNode kept = MAPPER.createObjectNode();
		for (Map.Entry<String, JsonNode> field : filter.properties()) {
			JsonNode value = indexable(field.getValue());
			if (value != null) {
				kept.set(field.getKey(), value);
			}
		}
		return kept.isEmpty() ? null : kept;
	}

	/** The arguments of {@code call} as a JSON object, for the {@code arguments} column. */
	static String argumentsJson(Call call) {
		ObjectNode arguments = MAPPER.createObjectNode();
		call.arguments().forEach((name, digest) -> arguments.put(name, digest.hex()));
		return arguments.toString();
	}

	/** The metadata of {@code call} as a JSON object, for the {@code metadata} column. */
	static String metadataJson(Call call) {
		ObjectNode metadata = MAPPER.createObjectNode();
		call.metadata().forEach(metadata::set);
		return metadata.toString();
	}

	/** Whether a selected record matches exactly, as in memory. */
	boolean accepts(Call call) {
		return this.template.matches(call);
	}

	String sql() {
		return this.sql;
	}

	void bind(PreparedStatement statement) throws SQLException {
		for (int i = 0; i < this.parameters.size(); i++) {
			statement.setString(i + 1, this.parameters.get(i));
		}
	}

	/** The digests a result row names. */
	static Digest key(String hex) {
		return Digest.of(hex);
	}

}
