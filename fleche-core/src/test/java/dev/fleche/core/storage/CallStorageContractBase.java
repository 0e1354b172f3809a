package dev.fleche.core.storage;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import dev.fleche.core.call.Call;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.digest.Digester;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the call storage contract tests share: a fresh storage per test and helpers that build
 * calls. The contract is split by meaning into a chain of abstract classes ending in
 * {@link AbstractCallStorageContractTest}, which a backend's test extends.
 */
public abstract class CallStorageContractBase {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** A fresh directory per test. */
	@TempDir
	protected Path directory;

	/** The storage under test. */
	protected CallStorage storage;

	/** A new, empty storage that keeps its data under {@code directory}. */
	protected abstract CallStorage createCallStorage(Path directory);

	@BeforeEach
	void createStorage() {
		this.storage = createCallStorage(this.directory);
	}

	/** A call of {@code name} v1 with arguments a and b, returning {@code result}. */
	protected static Call call(String name, Object a, Object b, Object result) {
		Map<String, Digest> arguments = new LinkedHashMap<>();
		arguments.put("a", digest(a));
		arguments.put("b", digest(b));
		return new Call(name, "1", arguments, digest(result), Map.of());
	}

	protected static Digest digest(Object value) {
		return Digester.standard().digest(value);
	}

	protected static JsonNode json(String text) {
		return JSON.readTree(text);
	}

}
