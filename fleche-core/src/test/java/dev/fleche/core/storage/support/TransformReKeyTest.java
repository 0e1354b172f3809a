package dev.fleche.core.storage.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import dev.fleche.core.call.Call;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.digest.Digester;
import dev.fleche.core.storage.codec.EntryCodec;
import dev.fleche.core.storage.memory.MemoryByteStore;

class TransformReKeyTest {

	@Test
	void identityTransformMovesACallStoredUnderAStaleKey() {
		MemoryByteStore bytes = new MemoryByteStore();
		EncodedCallStorage calls = new EncodedCallStorage(bytes, EntryCodec.plain());
		Digest d = Digester.standard().digest(1);
		Call call = new Call("f", "1", Map.of("a", d), d, Map.of());
		Digest stale = Digest.of("0".repeat(64));
		bytes.put(stale, EntryCodec.plain().encode(stale, "call-json", CallJson.write(call)));
		Map<Digest, Digest> moved = calls.transform(UnaryOperator.identity());
		assertThat(moved).containsExactly(Map.entry(stale, call.key()));
		assertThat(calls.list()).containsExactly(call.key());
		assertThat(calls.transform(UnaryOperator.identity())).isEmpty();
	}

}
