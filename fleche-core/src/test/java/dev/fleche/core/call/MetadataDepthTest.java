package dev.fleche.core.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fleche.core.digest.Digest;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.CorruptEntryException;
import dev.fleche.core.storage.codec.EntryCodec;
import dev.fleche.core.storage.file.FileByteStore;
import dev.fleche.core.storage.file.FileStorage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

class MetadataDepthTest {

	@TempDir
	Path directory;

	private static JsonNode nested(int depth) {
		ArrayNode root = JsonNodeFactory.instance.arrayNode();
		ArrayNode inner = root;
		for (int i = 1; i < depth; i++) {
			inner = inner.addArray();
		}
		return root;
	}

	@Test
	void metadataAtTheLimitIsKeptAndDeeperIsATypedError() {
		Digest result = Digest.of("aa".repeat(32));
		assertThat(new Call("f", "1", Map.of(), result, Map.of("ok", nested(Call.MAX_METADATA_DEPTH))).metadata())
			.containsKey("ok");
		assertThatThrownBy(() -> new Call("f", "1", Map.of(), result, Map.of("deep\nline", nested(Call.MAX_METADATA_DEPTH + 1))))
			.isInstanceOf(MetadataTooDeepException.class)
			.hasMessageContaining("deeper than 64 levels")
			.hasMessageContaining("deep\\nline");
		assertThatThrownBy(() -> new Call("f", "1", Map.of(), result, Map.of("bomb", nested(100_000))))
			.isInstanceOf(MetadataTooDeepException.class);
	}

	@Test
	void storedRecordWithDeepMetadataIsCorruptNotAStackOverflow() throws Exception {
		CallStorage calls = FileStorage.calls(this.directory);
		Call call = new Call("f", "1", Map.of(), Digest.of("aa".repeat(32)), Map.of());
		Digest key = calls.save(call);
		String deep = "[".repeat(200_000) + "]".repeat(200_000);
		String json = "{\"name\":\"f\",\"version\":\"1\",\"arguments\":[],\"result\":\"" + "aa".repeat(32)
				+ "\",\"metadata\":{\"x\":" + deep + "}}";
		Files.write(new FileByteStore(this.directory).file(key),
				EntryCodec.plain().encode(key, "call-json", json.getBytes(StandardCharsets.UTF_8)));
		assertThatThrownBy(() -> calls.load(key.hex())).isInstanceOf(CorruptEntryException.class);
	}

}
