package dev.fleche.core.storage.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.fleche.core.call.Call;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.storage.CorruptEntryException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class CallRecordSignerTest {

	private static final Digest A = Digest.of("aa".repeat(32));

	private static final Digest B = Digest.of("bb".repeat(32));

	private final SigningKey key = SigningKey.of("k1", "secret-secret-secret");

	private final CallRecordSigner signer = CallRecordSigner.of(List.of(this.key));

	private static Call call() {
		ObjectNode meta = JsonMapper.builder().build().createObjectNode().put("host", "h").put("n", 1);
		Map<String, Digest> arguments = new LinkedHashMap<>();
		arguments.put("x", A);
		arguments.put("y", B);
		return new Call("f", "1", arguments, A, Map.of("fleche", meta));
	}

	@Test
	void verifiesWhatItSignedWithAnyKeyOfTheRing() {
		Call call = call();
		byte[] tag = this.signer.sign(call.key(), call);
		assertThatCode(() -> this.signer.verify(call.key(), call, tag, "w")).doesNotThrowAnyException();
		CallRecordSigner rotated = CallRecordSigner.of(List.of(SigningKey.of("k2", "another-secret-0123"), this.key));
		assertThatCode(() -> rotated.verify(call.key(), call, tag, "w")).doesNotThrowAnyException();
	}

	@Test
	void everyFieldIsCovered() {
		Call call = call();
		byte[] tag = this.signer.sign(call.key(), call);
		ObjectNode otherMeta = JsonMapper.builder().build().createObjectNode().put("host", "evil");
		List<Call> tampered = List.of(call.withResult(B), call.withVersion("2"), call.withMetadata("fleche", otherMeta),
				call.withArguments(Map.of("x", A, "y", A)), new Call("g", "1", call.arguments(), A, call.metadata()),
				call.withMetadata(Map.of()));
		for (Call other : tampered) {
			assertThatThrownBy(() -> this.signer.verify(call.key(), other, tag, "row"))
				.isInstanceOf(CorruptEntryException.class)
				.hasMessageContaining("row")
				.hasMessageContaining("does not match");
		}
		assertThatThrownBy(() -> this.signer.verify(B, call, tag, "moved")).isInstanceOf(CorruptEntryException.class);
	}

	@Test
	void missingTruncatedOrForeignTagsAreCorrupt() {
		Call call = call();
		byte[] tag = this.signer.sign(call.key(), call);
		assertThatThrownBy(() -> this.signer.verify(call.key(), call, null, "w")).isInstanceOf(CorruptEntryException.class)
			.hasMessageContaining("not signed");
		assertThatThrownBy(() -> this.signer.verify(call.key(), call, java.util.Arrays.copyOf(tag, 10), "w"))
			.isInstanceOf(CorruptEntryException.class);
		byte[] foreign = CallRecordSigner.of(List.of(SigningKey.of("k9", "foreign-secret-0123"))).sign(call.key(), call);
		assertThatThrownBy(() -> this.signer.verify(call.key(), call, foreign, "w")).isInstanceOf(CorruptEntryException.class)
			.hasMessageContaining("unknown key 'k9'");
		byte[] flipped = tag.clone();
		flipped[flipped.length - 1] ^= 1;
		assertThatThrownBy(() -> this.signer.verify(call.key(), call, flipped, "w")).isInstanceOf(CorruptEntryException.class);
	}

	@Test
	void unsignedSignerSignsNothingAndAcceptsAnything() {
		Call call = call();
		assertThat(CallRecordSigner.unsigned().sign(call.key(), call)).isNull();
		assertThatCode(() -> CallRecordSigner.unsigned().verify(call.key(), call, null, "w")).doesNotThrowAnyException();
		assertThat(EntryCodec.plain().callSigner().isSigned()).isFalse();
		assertThat(EntryCodec.of(false, List.of(this.key)).callSigner().isSigned()).isTrue();
	}

}
