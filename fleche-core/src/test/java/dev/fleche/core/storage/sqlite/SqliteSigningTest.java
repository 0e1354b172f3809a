package dev.fleche.core.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fleche.core.call.Call;
import dev.fleche.core.call.CallTemplate;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.serial.JacksonSerializer;
import dev.fleche.core.storage.CorruptEntryException;
import dev.fleche.core.storage.codec.EntryCodec;
import dev.fleche.core.storage.codec.SigningKey;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SQLite row swap: someone who can write the database but has no secret points one call at
 * another call's result, or moves whole rows; a signed store refuses the record.
 */
class SqliteSigningTest {

	@TempDir
	Path directory;

	private final EntryCodec signed = EntryCodec.of(false, List.of(SigningKey.of("k", "a-secret-of-enough-bytes")));

	private SqliteStore open() {
		return SqliteStore.open(this.directory.resolve("fleche.db"), new JacksonSerializer(), this.signed);
	}

	private void sql(String statement, String... parameters) throws Exception {
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + this.directory.resolve("fleche.db"));
				PreparedStatement prepared = connection.prepareStatement(statement)) {
			for (int i = 0; i < parameters.length; i++) {
				prepared.setString(i + 1, parameters[i]);
			}
			prepared.executeUpdate();
		}
	}

	@Test
	void resultSwappedToAnotherCallsResultIsCorrupt() throws Exception {
		Call a;
		Call b;
		try (SqliteStore store = open()) {
			a = new Call("f", "1", Map.of("x", store.values().save(1)), store.values().save("secret of a"), Map.of());
			b = new Call("f", "1", Map.of("x", store.values().save(2)), store.values().save("secret of b"), Map.of());
			store.calls().save(a);
			store.calls().save(b);
			assertThat(store.calls().result(a.key().hex())).isEqualTo(a.result());
		}
		sql("UPDATE fleche_calls SET result = ? WHERE key = ?", b.result().hex(), a.key().hex());
		try (SqliteStore store = open()) {
			assertThatThrownBy(() -> store.calls().result(a.key().hex())).isInstanceOf(CorruptEntryException.class)
				.hasMessageContaining(a.key().hex())
				.hasMessageContaining("signature");
			assertThatThrownBy(() -> store.calls().load(a.key().hex())).isInstanceOf(CorruptEntryException.class);
			assertThat(store.calls().query(CallTemplate.any().withName("f"))).containsExactly(b);
		}
	}

	@Test
	void wholeRowCopiedWithItsSignatureIsCorrupt() throws Exception {
		Call a;
		Call b;
		try (SqliteStore store = open()) {
			a = new Call("f", "1", Map.of("x", Digest.of("01".repeat(32))), Digest.of("aa".repeat(32)), Map.of());
			b = new Call("f", "1", Map.of("x", Digest.of("02".repeat(32))), Digest.of("bb".repeat(32)), Map.of());
			store.calls().save(a);
			store.calls().save(b);
		}
		sql("UPDATE fleche_calls SET result = (SELECT result FROM fleche_calls WHERE key = ?), "
				+ "signature = (SELECT signature FROM fleche_calls WHERE key = ?) WHERE key = ?", b.key().hex(), b.key().hex(),
				a.key().hex());
		try (SqliteStore store = open()) {
			assertThatThrownBy(() -> store.calls().result(a.key().hex())).isInstanceOf(CorruptEntryException.class);
			assertThat(store.calls().result(b.key().hex())).isEqualTo(b.result());
		}
	}

	@Test
	void tamperedMetadataArgumentOrMissingSignatureIsCorrupt() throws Exception {
		Call a = new Call("f", "1", Map.of("x", Digest.of("01".repeat(32))), Digest.of("aa".repeat(32)),
				Map.of("fleche", JsonMapper.builder().build().createObjectNode().put("host", "h")));
		try (SqliteStore store = open()) {
			store.calls().save(a);
			assertThat(store.calls().load(a.key().hex())).isEqualTo(a);
		}
		sql("UPDATE fleche_call_metadata SET json = '{\"host\":\"evil\"}' WHERE call_key = ?", a.key().hex());
		try (SqliteStore store = open()) {
			assertThatThrownBy(() -> store.calls().load(a.key().hex())).isInstanceOf(CorruptEntryException.class);
		}
		try (SqliteStore store = open()) {
			store.calls().save(a);
		}
		sql("UPDATE fleche_call_arguments SET digest = ? WHERE call_key = ?", "02".repeat(32), a.key().hex());
		try (SqliteStore store = open()) {
			assertThatThrownBy(() -> store.calls().load(a.key().hex())).isInstanceOf(CorruptEntryException.class);
		}
		try (SqliteStore store = open()) {
			store.calls().save(a);
		}
		sql("UPDATE fleche_calls SET signature = NULL WHERE key = ?", a.key().hex());
		try (SqliteStore store = open()) {
			assertThatThrownBy(() -> store.calls().result(a.key().hex())).isInstanceOf(CorruptEntryException.class)
				.hasMessageContaining("not signed");
		}
	}

	@Test
	void schemaOneDatabaseGainsTheSignatureColumn() throws Exception {
		sql("CREATE TABLE fleche_calls (key TEXT PRIMARY KEY, name TEXT NOT NULL, version TEXT NOT NULL, "
				+ "result TEXT NOT NULL) WITHOUT ROWID");
		sql("PRAGMA user_version = 1");
		Call a = new Call("f", "1", Map.of(), Digest.of("aa".repeat(32)), Map.of());
		try (SqliteStore store = open()) {
			store.calls().save(a);
			assertThat(store.calls().result(a.key().hex())).isEqualTo(a.result());
		}
	}

}
