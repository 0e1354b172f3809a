package dev.fleche.core.storage.postgres;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
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
		for (String present : template.presentArguments()) {
			sql.append(" AND arguments ?? ?");
			parameters.add(present);
		}
		ObjectNode values = MAPPER.createObjectNode();
		for (Map.Entry<String, JsonNode> filter : template.metadata().entrySet()) {
			JsonNode narrowed = (filter.getValue() != null) ? narrowing(filter.getValue()) : null;
			if (narrowed == null) {
				sql.append(" AND metadata ?? ?");
				parameters.add(filter.getKey());
			}
			else {
				values.set(filter.getKey(), narrowed);
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
	 * The part of a metadata filter that {@code jsonb @>} checks no more strictly than
	 * {@link dev.fleche.core.call.JsonContainment}: objects with their scalar leaves. An empty
	 * object (any present value) and an array (compared whole, in order) are left to
	 * {@link #accepts(Call)}.
	 * @return the narrowing filter, or {@code null} if only presence can be asked in SQL
	 */
	private static @Nullable JsonNode narrowing(JsonNode filter) {
		if (filter.isArray()) {
			return null;
		}
		if (!filter.isObject()) {
			return filter;
		}
		ObjectNode narrowed = MAPPER.createObjectNode();
		for (Map.Entry<String, JsonNode> field : filter.properties()) {
			JsonNode inner = narrowing(field.getValue());
			if (inner != null) {
				narrowed.set(field.getKey(), inner);
			}
		}
		return narrowed.isEmpty() ? null : narrowed;
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
