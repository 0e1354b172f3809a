package dev.fleche.core.storage.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fleche.core.call.Call;
import dev.fleche.core.call.CallTemplate;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.digest.Digester;
import dev.fleche.core.serial.JacksonSerializer;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.CorruptEntryException;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.storage.codec.EntryCodec;
import dev.fleche.core.storage.codec.SigningKey;

class FileStorageFaultTest {

	@TempDir
	Path directory;

	@Test
	void truncatedValueFileIsATypedErrorNamingKeyAndFileWhileOthersLoad() throws Exception {
		FileByteStore bytes = new FileByteStore(this.directory);
		ValueStorage storage = FileStorage.values(this.directory);
		Digest broken = storage.save("broken value that is long enough");
		Digest kept = storage.save("kept");
		Path file = bytes.file(broken);
		byte[] content = Files.readAllBytes(file);
		Files.write(file, java.util.Arrays.copyOf(content, content.length / 2));
		assertThatThrownBy(() -> storage.load(broken.prefix(8), String.class))
			.isInstanceOf(CorruptEntryException.class)
			.hasMessageContaining(broken.hex())
			.hasMessageContaining(file.toString());
		assertThat(storage.load(kept.hex(), String.class)).isEqualTo("kept");
	}

	@Test
	void garbageValueFileIsATypedError() throws Exception {
		ValueStorage storage = FileStorage.values(this.directory);
		Digest key = storage.save(42);
		Files.write(new FileByteStore(this.directory).file(key), new byte[] { 0, 1, 2, 3, 4, 5, 6, 7 });
		assertThatThrownBy(() -> storage.load(key.hex(), Integer.class)).isInstanceOf(CorruptEntryException.class)
			.hasMessageContaining(key.hex());
	}

	@Test
	void payloadOfTheWrongShapeIsATypedError() {
		ValueStorage storage = FileStorage.values(this.directory);
		Digest key = storage.save("not a number");
		assertThatThrownBy(() -> storage.load(key.hex(), Integer.class)).isInstanceOf(CorruptEntryException.class)
			.hasMessageContaining(key.hex());
	}

	@Test
	void tamperedSignedFileIsRejected() throws Exception {
		EntryCodec codec = EntryCodec.of(true, List.of(SigningKey.of("k1", "0123456789abcdef0123")));
		ValueStorage storage = FileStorage.values(this.directory, new JacksonSerializer(), codec);
		Digest key = storage.save("signed");
		Path file = new FileByteStore(this.directory).file(key);
		byte[] content = Files.readAllBytes(file);
		content[content.length - 1] ^= 1;
		Files.write(file, content);
		assertThatThrownBy(() -> storage.load(key.hex(), String.class)).isInstanceOf(CorruptEntryException.class)
			.hasMessageContaining("signature");
	}

	@Test
	void corruptCallRecordIsReportedAndSkippedByQueries() throws Exception {
		CallStorage calls = FileStorage.calls(this.directory);
		Digest d = Digester.standard().digest(1);
		Call good = new Call("f", "1", java.util.Map.of("a", d), d, java.util.Map.of());
		Call bad = new Call("g", "1", java.util.Map.of("a", d), d, java.util.Map.of());
		calls.save(good);
		Digest badKey = calls.save(bad);
		Files.write(new FileByteStore(this.directory).file(badKey), "{not json".getBytes());
		assertThatThrownBy(() -> calls.load(badKey.hex())).isInstanceOf(CorruptEntryException.class)
			.hasMessageContaining(badKey.hex());
		assertThat(calls.query(CallTemplate.any())).containsExactly(good);
	}

	@Test
	void writesLeaveNoTemporaryFiles() throws Exception {
		ValueStorage storage = FileStorage.values(this.directory);
		for (int i = 0; i < 20; i++) {
			storage.save(i);
		}
		try (var files = Files.walk(this.directory)) {
			assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
				.hasSize(20)
				.allMatch(Digest::isFullDigest);
		}
	}

}
