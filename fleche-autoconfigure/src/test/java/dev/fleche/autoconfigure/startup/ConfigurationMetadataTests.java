package dev.fleche.autoconfigure.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The generated configuration metadata gives every {@code fleche.*} property a default, or says in
 * its description what being unset means (a duration or size with no default).
 */
class ConfigurationMetadataTests {

	@Test
	void everyPropertyHasADefault() throws Exception {
		JsonNode metadata;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).isNotNull();
			metadata = JsonMapper.builder().build().readTree(in);
		}
		List<String> missing = new ArrayList<>();
		List<String> names = new ArrayList<>();
		for (JsonNode property : metadata.get("properties")) {
			String name = property.get("name").asString();
			names.add(name);
			boolean hasDefault = property.has("defaultValue");
			boolean explainsUnset = property.has("description")
					&& property.get("description").asString().toLowerCase(java.util.Locale.ROOT).contains("unset");
			if (name.startsWith("fleche.") && !hasDefault && !explainsUnset) {
				missing.add(name);
			}
		}
		assertThat(names).contains("fleche.lock.statistics.max-keys", "fleche.cache.spring.sync-timeout",
				"fleche.lock.redis.prefix", "fleche.storage.redis.ttl", "fleche.lock.postgres.schema",
				"fleche.storage.postgres.table-prefix", "fleche.cache.layers.near-ttl", "fleche.storage.size-limit");
		assertThat(missing).isEmpty();
		assertThat(metadata.get("properties").valueStream()
			.filter(p -> p.get("name").asString().equals("fleche.lock.statistics.max-keys"))
			.findFirst()
			.orElseThrow()
			.get("defaultValue")
			.asInt()).isEqualTo(1000);
	}

}
