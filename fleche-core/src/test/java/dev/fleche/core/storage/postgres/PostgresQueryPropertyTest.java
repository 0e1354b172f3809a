package dev.fleche.core.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import com.zaxxer.hikari.HikariDataSource;

import dev.fleche.core.call.Call;
import dev.fleche.core.call.CallTemplate;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.digest.Digester;
import dev.fleche.core.testsupport.PostgresServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PostgreSQL's query (containment on jsonb, then the exact check), returns exactly what matching every call in memory returns,
 * over many generated calls and templates.
 */
class PostgresQueryPropertyTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void sqlQueryEqualsInMemoryMatching() {
		Random random = new Random(20261123L);
		try (HikariDataSource pool = PostgresServer.shared().pool(2)) {
			PostgresStore store = PostgresStore.open(pool, PostgresStoreSettings.defaults()
				.withNames("public", "fq_" + UUID.randomUUID().toString().substring(0, 8)));
			List<Call> calls = new ArrayList<>();
			for (int i = 0; i < 300; i++) {
				Call call = randomCall(random);
				store.calls().save(call);
				calls.removeIf(existing -> existing.key().equals(call.key()));
				calls.add(call);
			}
			for (int i = 0; i < 400; i++) {
				CallTemplate template = randomTemplate(random);
				List<Digest> expected = calls.stream().filter(template::matches).map(Call::key).sorted().toList();
				List<Digest> actual = store.calls().query(template).stream().map(Call::key).sorted().toList();
				assertThat(actual).as(template.toString()).isEqualTo(expected);
			}
		}
	}

	private static Call randomCall(Random random) {
		Map<String, Digest> arguments = new LinkedHashMap<>();
		for (String name : List.of("a", "b", "c")) {
			if (random.nextInt(4) > 0) {
				arguments.put(name, digest(random.nextInt(4)));
			}
		}
		Map<String, JsonNode> metadata = new LinkedHashMap<>();
		if (random.nextBoolean()) {
			JsonNode env = json(random);
			if (random.nextInt(4) == 0) {
				// a namespace holding more than a filter names: containment selects it, equality does not
				env = JSON.readTree(env.toString().replace("{", "{\"zone\":\"eu\","));
			}
			metadata.put("env", env);
		}
		if (random.nextInt(3) == 0) {
			metadata.put("owner", JSON.getNodeFactory().textNode("team-" + random.nextInt(2)));
		}
		return new Call("f" + random.nextInt(3), "v" + random.nextInt(2), arguments, digest(random.nextInt(3)), metadata);
	}

	private static CallTemplate randomTemplate(Random random) {
		CallTemplate template = CallTemplate.any();
		if (random.nextInt(3) == 0) {
			template = template.withName("f" + random.nextInt(4));
		}
		if (random.nextInt(3) == 0) {
			template = template.withVersion("v" + random.nextInt(2));
		}
		if (random.nextInt(3) == 0) {
			template = template.withArgument(List.of("a", "b", "c", "d").get(random.nextInt(4)), random.nextInt(4));
		}
		if (random.nextInt(4) == 0) {
			template = template.withArgument("b", digest(random.nextInt(4)));
		}
		if (random.nextInt(3) == 0) {
			template = template.withResult(random.nextInt(3));
		}
		if (random.nextInt(3) == 0) {
			template = random.nextBoolean() ? template.withMetadata("env") : template.withMetadata("env", json(random));
		}
		if (random.nextInt(5) == 0) {
			template = template.withMetadata("owner");
		}
		return template;
	}

	private static JsonNode json(Random random) {
		String stage = random.nextBoolean() ? "prod" : "test";
		int replicas = random.nextInt(2);
		return random.nextBoolean() ? JSON.readTree("{\"stage\":\"" + stage + "\",\"replicas\":" + replicas + "}")
				: JSON.readTree("{\"replicas\":" + replicas + ",\"stage\":\"" + stage + "\"}");
	}

	private static Digest digest(Object value) {
		return Digester.standard().digest(value);
	}

}
