package dev.fleche.core.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fleche.core.storage.StorageException;

class SqliteVersionTest {

	@TempDir
	Path directory;

	@Test
	void anOlderLibraryIsRefusedWithTheWayToOverrideTheVersion() {
		assertThatThrownBy(() -> SqliteVersion.check("3.45.1", "3.45.1.0")).isInstanceOf(StorageException.class)
			.hasMessageContaining("3.45.1")
			.hasMessageContaining("3.51.3")
			.hasMessageContaining("sqlite-jdbc.version")
			.hasMessageContaining("dependencyManagement");
		assertThatThrownBy(() -> SqliteVersion.check("3.51.2", null)).isInstanceOf(StorageException.class);
	}

	@Test
	void theMinimumAndNewerPass() {
		assertThatCode(() -> SqliteVersion.check("3.51.3", null)).doesNotThrowAnyException();
		assertThatCode(() -> SqliteVersion.check("3.54.1", "3.54.1.0")).doesNotThrowAnyException();
		assertThatCode(() -> SqliteVersion.check("3.100.0", null)).doesNotThrowAnyException();
		assertThatCode(() -> SqliteVersion.check("4.0", null)).doesNotThrowAnyException();
		assertThat(SqliteVersion.compare("3.9.0", "3.10.0")).isNegative();
	}

	@Test
	void theLibraryOnTheClasspathIsChecked() throws Exception {
		String version;
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:");
				ResultSet rows = connection.createStatement().executeQuery("SELECT sqlite_version()")) {
			rows.next();
			version = rows.getString(1);
		}
		assertThat(SqliteVersion.compare(version, SqliteVersion.MINIMUM)).isNotNegative();
		try (SqliteStore store = SqliteStore.open(this.directory.resolve("fleche.db"))) {
			assertThat(store.values().list()).isEmpty();
		}
	}

}
