package dev.fleche.core.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.fleche.core.call.Call;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.disk.DiskLockBackend;
import dev.fleche.core.lock.support.LockServices;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.storage.file.FileByteStore;
import dev.fleche.core.storage.file.FileStorage;
import dev.fleche.core.storage.sqlite.SqliteStore;

/**
 * File modes with the process's default umask, and symbolic links where Fleche expects its own
 * files: the file store, the SQLite store and the disk lock directory.
 */
class PrivateFilesTest {

	@TempDir
	Path temp;

	private static String mode(Path path) throws Exception {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
	}

	private static void assertPrivateTree(Path root) throws Exception {
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.toList()) {
				if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
					assertThat(mode(path)).as("mode of directory %s", path).isEqualTo("rwx------");
				}
				else {
					assertThat(mode(path)).as("mode of file %s", path).isEqualTo("rw-------");
				}
			}
		}
	}

	@Test
	void fileStoreSqliteStoreAndLockDirectoryArePrivate() throws Exception {
		Path files = this.temp.resolve("files/store");
		ValueStorage values = FileStorage.values(files);
		values.save("a value");
		assertPrivateTree(this.temp.resolve("files"));

		Path sqlite = this.temp.resolve("sqlite");
		try (SqliteStore store = SqliteStore.open(sqlite.resolve("fleche.db"))) {
			store.values().save("a value");
			store.calls().save(new Call("f", "1", Map.of(), Digest.of("aa".repeat(32)), Map.of()));
			assertThat(Files.exists(sqlite.resolve("fleche.db-wal"))).isTrue();
			assertPrivateTree(sqlite);
		}

		Path locks = this.temp.resolve("locks");
		try (LockService service = LockServices.create(DiskLockBackend.open(locks))) {
			service.lock("a key").acquire().close();
			service.semaphore("another", 2).acquire().close();
			assertPrivateTree(locks);
		}
	}

	@Test
	void existingReadableDirectoryIsKeptAndWarnedAboutOnce() throws Exception {
		Path shared = Files.createDirectory(this.temp.resolve("shared"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
		Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
		Logger logger = (Logger) LoggerFactory.getLogger(PrivateFiles.class);
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		logger.addAppender(appender);
		try {
			FileStorage.values(shared).save(1);
			FileStorage.values(shared).save(2);
		}
		finally {
			logger.detachAppender(appender);
		}
		assertThat(mode(shared)).isEqualTo("rwxr-xr-x");
		List<ILoggingEvent> warnings = appender.list.stream()
			.filter(event -> event.getLevel() == Level.WARN && event.getFormattedMessage().contains(shared.toString()))
			.toList();
		assertThat(warnings).hasSize(1);
		assertThat(warnings.get(0).getFormattedMessage()).contains("other users");
	}

	@Test
	void symlinkedShardDirectoryIsRefusedNamingIt() throws Exception {
		Path root = this.temp.resolve("store");
		ValueStorage values = FileStorage.values(root);
		Digest key = values.save("victim");
		FileByteStore bytes = new FileByteStore(root);
		Path shard = bytes.file(key).getParent();
		Path elsewhere = Files.createDirectory(this.temp.resolve("elsewhere"));
		Files.move(bytes.file(key), elsewhere.resolve(key.hex()));
		Files.delete(shard);
		Files.createSymbolicLink(shard, elsewhere);
		assertThatThrownBy(() -> values.load(key.hex(), String.class)).isInstanceOf(SymbolicLinkException.class)
			.hasMessageContaining(shard.toString())
			.hasMessageContaining("symbolic link");
		assertThatThrownBy(() -> values.save("victim")).hasRootCauseInstanceOf(SymbolicLinkException.class)
			.hasMessageContaining(shard.toString());
		assertThat(elsewhere.resolve(key.hex())).exists();
		assertThat(values.list()).doesNotContain(key);
	}

	@Test
	void symlinkedEntryFileIsRefusedNamingIt() throws Exception {
		Path root = this.temp.resolve("store");
		ValueStorage values = FileStorage.values(root);
		Digest key = values.save("victim");
		Path entry = new FileByteStore(root).file(key);
		Path target = this.temp.resolve("target");
		Files.move(entry, target);
		Files.createSymbolicLink(entry, target);
		assertThatThrownBy(() -> values.load(key.hex(), String.class)).isInstanceOf(SymbolicLinkException.class)
			.hasMessageContaining(entry.toString());
	}

	@Test
	void symlinkedSqliteDatabaseIsRefused() throws Exception {
		Path directory = Files.createDirectory(this.temp.resolve("sqlite"));
		Path victim = Files.writeString(this.temp.resolve("victim.db"), "");
		Files.createSymbolicLink(directory.resolve("fleche.db"), victim);
		assertThatThrownBy(() -> SqliteStore.open(directory.resolve("fleche.db"))).isInstanceOf(SymbolicLinkException.class)
			.hasMessageContaining("fleche.db");
		assertThat(Files.size(victim)).isZero();
	}

}
