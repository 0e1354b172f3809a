package dev.fleche.core.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fleche.core.call.Call;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.digest.Digester;
import dev.fleche.core.serial.JacksonSerializer;
import dev.fleche.core.storage.CorruptEntryException;
import dev.fleche.core.storage.StorageException;
import dev.fleche.core.storage.codec.EntryCodec;

class SqliteFaultTest {

	@TempDir
	Path directory;

	@Test
	void garbageDatabaseFileIsATypedErrorNamingTheFile() throws Exception {
		Path file = this.directory.resolve("fleche.db");
		byte[] garbage = new byte[8192];
		new java.util.Random(1).nextBytes(garbage);
		Files.write(file, garbage);
		assertThatThrownBy(() -> SqliteStore.open(file, new JacksonSerializer(), EntryCodec.plain(), OnCorrupt.FAIL))
			.isInstanceOf(CorruptEntryException.class)
			.hasMessageContaining(file.toString());
		assertThat(Files.readAllBytes(file)).isEqualTo(garbage);
	}

	@Test
	void truncatedDatabaseFileIsATypedErrorNamingTheFile() throws Exception {
		Path file = this.directory.resolve("fleche.db");
		try (SqliteStore store = SqliteStore.open(file)) {
			for (int i = 0; i < 200; i++) {
				store.values().save("value " + i);
			}
		}
		byte[] content = Files.readAllBytes(file);
		Files.write(file, java.util.Arrays.copyOf(content, 50));
		assertThatThrownBy(() -> {
			try (SqliteStore store = SqliteStore.open(file, new JacksonSerializer(), EntryCodec.plain(), OnCorrupt.FAIL)) {
				store.values().list();
			}
		}).isInstanceOf(StorageException.class).hasMessageContaining(file.toString());
	}

	@Test
	void corruptValueRowIsReportedAndOthersStillLoad() throws Exception {
		Path file = this.directory.resolve("fleche.db");
		try (SqliteStore store = SqliteStore.open(file)) {
			Digest broken = store.values().save("broken");
			Digest kept = store.values().save("kept");
			try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
					PreparedStatement update = connection.prepareStatement("UPDATE fleche_values SET bytes = ? WHERE digest = ?")) {
				update.setBytes(1, new byte[] { 9, 9, 9, 9, 9 });
				update.setString(2, broken.hex());
				update.executeUpdate();
			}
			assertThatThrownBy(() -> store.values().load(broken.prefix(8), String.class))
				.isInstanceOf(CorruptEntryException.class)
				.hasMessageContaining(broken.hex())
				.hasMessageContaining(file.toString());
			assertThat(store.values().load(kept.hex(), String.class)).isEqualTo("kept");
		}
	}

	@Test
	void twentyFourThreadsSavingThreeCollidingCallsLeaveThreeRows() throws Exception {
		Path file = this.directory.resolve("fleche.db");
		try (SqliteStore store = SqliteStore.open(file)) {
			Digest d = Digester.standard().digest(1);
			List<Call> calls = List.of(new Call("f", "1", Map.of("a", Digester.standard().digest(1)), d, Map.of()),
					new Call("f", "1", Map.of("a", Digester.standard().digest(2)), d, Map.of()),
					new Call("f", "1", Map.of("a", Digester.standard().digest(3)), d, Map.of()));
			ExecutorService pool = Executors.newFixedThreadPool(24);
			CountDownLatch start = new CountDownLatch(1);
			try {
				List<Future<?>> futures = new ArrayList<>();
				for (int t = 0; t < 24; t++) {
					Call call = calls.get(t % 3);
					futures.add(pool.submit(() -> {
						start.await();
						for (int i = 0; i < 10; i++) {
							store.calls().save(call);
						}
						return null;
					}));
				}
				start.countDown();
				for (Future<?> future : futures) {
					future.get(60, TimeUnit.SECONDS);
				}
			}
			finally {
				pool.shutdownNow();
			}
			assertThat(store.calls().list()).hasSize(3);
			try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
					var rows = connection.createStatement().executeQuery("SELECT count(*) FROM fleche_call_arguments")) {
				rows.next();
				assertThat(rows.getInt(1)).isEqualTo(3);
			}
		}
	}

	@Test
	void networkFilesystemIsDetectedFromTheMountTable() throws Exception {
		Path mounts = this.directory.resolve("mounts");
		Files.writeString(mounts, "/dev/sda1 / ext4 rw 0 0\nserver:/export /mnt/shared nfs4 rw 0 0\n");
		assertThat(NetworkFileSystems.typeOf(Path.of("/mnt/shared/app/.fleche"), mounts)).isEqualTo("nfs4");
		assertThat(NetworkFileSystems.typeOf(Path.of("/home/app/.fleche"), mounts)).isEqualTo("ext4");
	}

}
