package dev.fleche.core.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fleche.core.digest.Digest;
import dev.fleche.core.serial.JacksonSerializer;
import dev.fleche.core.storage.CorruptEntryException;
import dev.fleche.core.storage.codec.EntryCodec;

/**
 * A damaged database file, found at opening or by a later statement, is moved aside as
 * {@code fleche.db.corrupt-<timestamp>} with its side files, and the store goes on fresh.
 */
class SqliteQuarantineTest {

	@TempDir
	Path directory;

	private static byte[] garbage(int size, long seed) {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

	private List<Path> aside() throws IOException {
		try (Stream<Path> files = Files.list(this.directory)) {
			return files.filter(path -> path.getFileName().toString().startsWith("fleche.db.corrupt-")).sorted().toList();
		}
	}

	@Test
	void aGarbageFileAtOpeningIsMovedAsideWithItsSideFilesAndAFreshStoreStarts() throws Exception {
		Path file = this.directory.resolve("fleche.db");
		byte[] garbage = garbage(8192, 1);
		Files.write(file, garbage);
		Files.write(this.directory.resolve("fleche.db-wal"), garbage(100, 2));
		Files.write(this.directory.resolve("fleche.db-shm"), garbage(100, 3));
		try (SqliteStore store = SqliteStore.open(file)) {
			Digest key = store.values().save("fresh");
			assertThat(store.values().load(key.hex(), String.class)).isEqualTo("fresh");
			assertThat(store.values().list()).containsExactly(key);
		}
		List<Path> aside = aside();
		Path moved = aside.stream().filter(path -> !path.toString().endsWith("-wal") && !path.toString().endsWith("-shm"))
			.findFirst()
			.orElseThrow();
		assertThat(moved.getFileName().toString()).matches("fleche\\.db\\.corrupt-\\d{8}T\\d{6}\\.\\d{3}Z");
		assertThat(Files.readAllBytes(moved)).isEqualTo(garbage);
		assertThat(aside).contains(moved.resolveSibling(moved.getFileName() + "-wal"),
				moved.resolveSibling(moved.getFileName() + "-shm"));
		assertThat(Files.exists(file)).isTrue();
	}

	@Test
	void damageFoundByALaterStatementIsQuarantinedAndTheNextOperationsUseAFreshStore() throws Exception {
		Path file = this.directory.resolve("fleche.db");
		try (SqliteStore store = SqliteStore.open(file)) {
			for (int i = 0; i < 3000; i++) {
				store.values().save("value " + i + " " + "x".repeat(200));
			}
		}
		byte[] content = Files.readAllBytes(file);
		assertThat(content.length).isGreaterThan(32 * 4096);
		byte[] noise = garbage(content.length - 16 * 4096, 4);
		System.arraycopy(noise, 0, content, 16 * 4096, noise.length);
		Files.write(file, content);
		try (SqliteStore store = SqliteStore.open(file)) {
			assertThatThrownBy(() -> {
				for (int i = 0; i < 3000; i++) {
					store.values().load(store.values().list().get(0).hex(), String.class);
				}
			}).isInstanceOf(CorruptEntryException.class).hasMessageContaining(file.toString());
			assertThat(aside()).filteredOn(path -> path.getFileName().toString().matches(".*\\d{3}Z")).hasSize(1);
			assertThat(store.values().list()).isEmpty();
			Digest key = store.values().save("after");
			assertThat(store.values().load(key.hex(), String.class)).isEqualTo("after");
		}
	}

	@Test
	void withFailTheDamagedFileStaysAndEveryOpeningFails() throws Exception {
		Path file = this.directory.resolve("fleche.db");
		Files.write(file, garbage(8192, 5));
		for (int i = 0; i < 2; i++) {
			assertThatThrownBy(() -> SqliteStore.open(file, new JacksonSerializer(), EntryCodec.plain(), OnCorrupt.FAIL))
				.isInstanceOf(CorruptEntryException.class);
		}
		assertThat(aside()).isEmpty();
	}

}
