package dev.fleche.core.storage.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.fleche.core.digest.Digest;
import dev.fleche.core.storage.CorruptEntryException;

class EntryCodecTest {

	private static final Digest KEY = Digest.of("ab".repeat(32));

	private static final byte[] PAYLOAD = "{\"value\":\"hello hello hello hello\"}".getBytes(StandardCharsets.UTF_8);

	private final SigningKey oldKey = SigningKey.of("2025", "old-secret-0123456789");

	private final SigningKey newKey = SigningKey.of("2026", "new-secret-0123456789");

	@Test
	void plainRoundTrip() {
		byte[] stored = EntryCodec.plain().encode(KEY, "json", PAYLOAD);
		EntryCodec.Decoded decoded = EntryCodec.plain().decode(KEY, stored, "k");
		assertThat(decoded.serializerId()).isEqualTo("json");
		assertThat(decoded.payload()).isEqualTo(PAYLOAD);
	}

	@Test
	void compressionIsDetectedOnRead() {
		byte[] stored = EntryCodec.of(true, List.of()).encode(KEY, "json", PAYLOAD);
		assertThat(EntryCodec.plain().decode(KEY, stored, "k").payload()).isEqualTo(PAYLOAD);
	}

	@Test
	void signsWithFirstKeyAndVerifiesWithAnySoKeysCanRotate() {
		byte[] signedWithOld = EntryCodec.of(false, List.of(this.oldKey)).encode(KEY, "json", PAYLOAD);
		EntryCodec rotated = EntryCodec.of(true, List.of(this.newKey, this.oldKey));
		assertThat(rotated.decode(KEY, signedWithOld, "k").payload()).isEqualTo(PAYLOAD);
		byte[] signedWithNew = rotated.encode(KEY, "json", PAYLOAD);
		assertThat(EntryCodec.of(false, List.of(this.newKey)).decode(KEY, signedWithNew, "k").payload()).isEqualTo(PAYLOAD);
		assertThatThrownBy(() -> EntryCodec.of(false, List.of(this.oldKey)).decode(KEY, signedWithNew, "k"))
			.isInstanceOf(CorruptEntryException.class)
			.hasMessageContaining("unknown key '2026'");
	}

	@Test
	void tamperedPayloadIsRejectedBeforeDecompression() {
		EntryCodec codec = EntryCodec.of(true, List.of(this.newKey));
		byte[] stored = codec.encode(KEY, "json", PAYLOAD);
		stored[stored.length - 3] ^= 0x55;
		assertThatThrownBy(() -> codec.decode(KEY, stored, "the-key")).isInstanceOf(CorruptEntryException.class)
			.hasMessageContaining("the-key")
			.hasMessageContaining("signature");
	}

	@Test
	void signatureCoversTheEntryDigest() {
		EntryCodec codec = EntryCodec.of(false, List.of(this.newKey));
		byte[] stored = codec.encode(KEY, "json", PAYLOAD);
		Digest other = Digest.of("cd".repeat(32));
		assertThatThrownBy(() -> codec.decode(other, stored, "moved")).isInstanceOf(CorruptEntryException.class);
	}

	@Test
	void unsignedEntryIsRejectedWhenSignaturesAreRequired() {
		byte[] stored = EntryCodec.plain().encode(KEY, "json", PAYLOAD);
		assertThatThrownBy(() -> EntryCodec.of(false, List.of(this.newKey)).decode(KEY, stored, "k"))
			.isInstanceOf(CorruptEntryException.class)
			.hasMessageContaining("not signed");
	}

	@Test
	void truncatedAndGarbageEntriesAreTypedErrors() {
		byte[] stored = EntryCodec.of(true, List.of()).encode(KEY, "json", PAYLOAD);
		byte[] truncated = Arrays.copyOf(stored, 6);
		assertThatThrownBy(() -> EntryCodec.plain().decode(KEY, truncated, "k")).isInstanceOf(CorruptEntryException.class);
		byte[] cut = Arrays.copyOf(stored, stored.length - 5);
		assertThatThrownBy(() -> EntryCodec.plain().decode(KEY, cut, "k")).isInstanceOf(CorruptEntryException.class);
		assertThatThrownBy(() -> EntryCodec.plain().decode(KEY, "garbage!".getBytes(StandardCharsets.UTF_8), "k"))
			.isInstanceOf(CorruptEntryException.class)
			.hasMessageContaining("bad header");
		assertThatThrownBy(() -> EntryCodec.plain().decode(KEY, new byte[0], "k")).isInstanceOf(CorruptEntryException.class);
	}

	@Test
	void badKeysAreRejected() {
		assertThatThrownBy(() -> SigningKey.of("k", "short")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("'k'");
		assertThatThrownBy(() -> SigningKey.of("", "0123456789abcdef0")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> EntryCodec.of(false, List.of(this.newKey, this.newKey)))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("2026");
	}

	@Test
	void signatureCoversTheWholeHeader() {
		EntryCodec codec = EntryCodec.of(false, List.of(this.newKey));
		byte[] stored = codec.encode(KEY, "json", PAYLOAD);
		byte[] otherSerializer = stored.clone();
		otherSerializer[4] = 'x'; // first byte of the serializer id
		assertThatThrownBy(() -> codec.decode(KEY, otherSerializer, "k")).isInstanceOf(CorruptEntryException.class)
			.hasMessageContaining("signature");
		byte[] gzipFlag = stored.clone();
		gzipFlag[2] |= 1;
		assertThatThrownBy(() -> codec.decode(KEY, gzipFlag, "k")).isInstanceOf(CorruptEntryException.class)
			.hasMessageContaining("signature");
		byte[] version = stored.clone();
		version[1] = 1;
		assertThatThrownBy(() -> codec.decode(KEY, version, "k")).isInstanceOf(CorruptEntryException.class)
			.hasMessageContaining("format version 1");
	}

	@Test
	void gzipBombPastTheMaximumEntrySizeIsCorruptBeforeItFillsTheHeap() {
		byte[] zeros = new byte[8 * 1024 * 1024];
		byte[] bomb = EntryCodec.of(true, List.of()).encode(KEY, "json", zeros);
		assertThat(bomb.length).isLessThan(64 * 1024);
		EntryCodec small = EntryCodec.of(false, List.of(), 1024 * 1024);
		assertThatThrownBy(() -> small.decode(KEY, bomb, "bomb")).isInstanceOf(CorruptEntryException.class)
			.hasMessageContaining("bomb")
			.hasMessageContaining("maximum entry size of 1048576 bytes");
		assertThat(EntryCodec.plain().decode(KEY, bomb, "fits").payload()).hasSize(zeros.length);
	}

	@Test
	void payloadPastTheMaximumEntrySizeIsNotWrittenAndNotRead() {
		EntryCodec small = EntryCodec.of(false, List.of(), 16);
		assertThatThrownBy(() -> small.encode(KEY, "json", PAYLOAD)).isInstanceOf(EntryTooLargeException.class)
			.hasMessageContaining("maximum entry size of 16 bytes");
		byte[] stored = EntryCodec.plain().encode(KEY, "json", new byte[2000]);
		assertThatThrownBy(() -> small.decode(KEY, stored, "big")).isInstanceOf(CorruptEntryException.class);
		assertThatThrownBy(() -> EntryCodec.of(false, List.of(), 0)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void unknownKeyIdIsQuotedSafely() {
		SigningKey evil = SigningKey.of("evil", "evil-secret-0123456789");
		byte[] stored = EntryCodec.of(false, List.of(evil)).encode(KEY, "json", PAYLOAD);
		assertThatThrownBy(() -> EntryCodec.of(false, List.of(this.newKey)).decode(KEY, stored, "k"))
			.hasMessageContaining("unknown key 'evil'")
			.hasMessageNotContaining("evil-secret");
	}

}
