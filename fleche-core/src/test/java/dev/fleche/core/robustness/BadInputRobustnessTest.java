package dev.fleche.core.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fleche.core.FlecheException;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.serial.JacksonSerializer;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.storage.codec.EntryCodec;
import dev.fleche.core.storage.codec.SigningKey;
import dev.fleche.core.storage.memory.MemoryStorage;
import dev.fleche.core.storage.sqlite.SqliteStore;

/**
 * Random bad input, many thousand times with fixed seeds: digest prefixes and stored bytes either
 * work or fail with a typed {@link FlecheException}; nothing else escapes and nothing stored is
 * lost.
 */
class BadInputRobustnessTest {

	private static final String ALPHABET = "0123456789abcdefABCDEFxyz-_ /\\.:%\u00e9\u0000";

	@TempDir
	Path directory;

	@Test
	void prefixesWorkOrFailTyped() {
		ValueStorage memory = MemoryStorage.values();
		try (SqliteStore sqlite = SqliteStore.open(this.directory.resolve("fleche.db"))) {
			List<ValueStorage> storages = List.of(memory, sqlite.values());
			for (ValueStorage storage : storages) {
				for (int i = 0; i < 50; i++) {
					storage.save("value-" + i);
				}
			}
			Random random = new Random(7);
			for (int i = 0; i < 5_000; i++) {
				String prefix = randomPrefix(random);
				for (ValueStorage storage : storages) {
					try {
						Digest key = storage.expand(prefix);
						assertThat(key.hex()).startsWith(prefix);
						storage.contains(prefix);
						storage.load(prefix, String.class);
					}
					catch (FlecheException expected) {
						assertThat(expected.getMessage()).isNotBlank();
					}
					catch (RuntimeException unexpected) {
						fail("prefix '" + prefix + "' raised " + unexpected, unexpected);
					}
				}
			}
			assertThat(memory.list()).hasSize(50);
			assertThat(sqlite.values().list()).hasSize(50);
		}
	}

	@Test
	void storedBytesDecodeOrFailTyped() {
		EntryCodec signed = EntryCodec.of(true, List.of(SigningKey.of("k", "0123456789abcdef-key")));
		EntryCodec plain = EntryCodec.plain();
		Digest key = Digest.of("ab".repeat(32));
		byte[] good = signed.encode(key, "json", new JacksonSerializer().serialize(List.of("a", "b")));
		byte[] goodPlain = plain.encode(key, "json", new JacksonSerializer().serialize(List.of("a", "b")));
		Random random = new Random(11);
		for (int i = 0; i < 20_000; i++) {
			byte[] bytes = mutate(random.nextBoolean() ? good : goodPlain, random);
			for (EntryCodec codec : List.of(signed, plain)) {
				try {
					EntryCodec.Decoded decoded = codec.decode(key, bytes, "entry");
					new JacksonSerializer().deserialize(decoded.payload(), List.class);
				}
				catch (FlecheException expected) {
					assertThat(expected.getMessage()).isNotBlank();
				}
				catch (RuntimeException unexpected) {
					fail("bytes raised " + unexpected, unexpected);
				}
			}
		}
	}

	private static String randomPrefix(Random random) {
		int length = random.nextInt(70);
		StringBuilder prefix = new StringBuilder(length);
		boolean hexOnly = random.nextInt(3) > 0;
		for (int i = 0; i < length; i++) {
			prefix.append(hexOnly ? "0123456789abcdef".charAt(random.nextInt(16))
					: ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return prefix.toString();
	}

	private static byte[] mutate(byte[] original, Random random) {
		byte[] bytes;
		switch (random.nextInt(4)) {
			case 0 -> bytes = java.util.Arrays.copyOf(original, random.nextInt(original.length + 1));
			case 1 -> {
				bytes = original.clone();
				for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
					bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
				}
			}
			case 2 -> {
				bytes = new byte[random.nextInt(64)];
				random.nextBytes(bytes);
			}
			default -> {
				bytes = java.util.Arrays.copyOf(original, original.length + 1 + random.nextInt(8));
			}
		}
		return bytes;
	}

}
