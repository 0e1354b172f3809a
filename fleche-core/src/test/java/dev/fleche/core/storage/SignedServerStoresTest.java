package dev.fleche.core.storage;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;

import dev.fleche.core.call.Call;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.storage.codec.EntryCodec;
import dev.fleche.core.storage.codec.SigningKey;
import dev.fleche.core.storage.postgres.PostgresStore;
import dev.fleche.core.storage.postgres.PostgresStoreSettings;
import dev.fleche.core.storage.redis.RedisStorage;
import dev.fleche.core.testsupport.PostgresServer;
import dev.fleche.core.testsupport.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Signing covers call records on the server stores too: someone who can write the server but has
 * no secret cannot point one cached call at another call's record.
 */
class SignedServerStoresTest {

	private static final EntryCodec SIGNED = EntryCodec.of(false, List.of(SigningKey.of("k1", "a-secret-of-enough-bytes")));

	private static Digest digest(String text) {
		try {
			return Digest.ofBytes(java.security.MessageDigest.getInstance("SHA-256")
				.digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Call call(String name, String result) {
		return new Call(name, "1", Map.of("a", digest(name + "-arg")), digest(result), Map.of());
	}

	@Test
	void aPostgresRecordCopiedUnderAnotherKeyIsCorrupt() throws Exception {
		String table = "fs_" + UUID.randomUUID().toString().substring(0, 6);
		try (HikariDataSource pool = PostgresServer.shared().pool(2)) {
			CallStorage calls = PostgresStore
				.open(pool, PostgresStoreSettings.defaults().withNames("public", table), new dev.fleche.core.serial.JacksonSerializer(),
						SIGNED)
				.calls();
			Call victim = call("victim", "good-result");
			Call other = call("other", "evil-result");
			calls.save(victim);
			calls.save(other);
			assertThat(calls.load(victim.key().hex())).isEqualTo(victim);
			try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
				statement.executeUpdate("UPDATE public." + table + "_calls SET record = (SELECT record FROM public." + table
						+ "_calls WHERE key = '" + other.key().hex() + "'), result = '" + other.result().hex() + "' WHERE key = '"
						+ victim.key().hex() + "'");
			}
			assertThatExceptionOfType(CorruptEntryException.class).isThrownBy(() -> calls.load(victim.key().hex()))
				.withMessageContaining(victim.key().hex());
			assertThatExceptionOfType(CorruptEntryException.class).isThrownBy(() -> calls.result(victim.key().hex()));
			assertThat(calls.load(other.key().hex())).isEqualTo(other);
		}
	}

	@Test
	void aRedisRecordCopiedUnderAnotherKeyIsCorrupt() {
		String prefix = "signed-" + UUID.randomUUID().toString().substring(0, 6) + ":";
		var connection = io.lettuce.core.RedisClient.create(TestRedis.shared().uri()).connect(RedisStorage.CODEC);
		try {
			CallStorage calls = RedisStorage.calls(connection, prefix, SIGNED, null);
			Call victim = call("victim", "good-result");
			Call other = call("other", "evil-result");
			calls.save(victim);
			calls.save(other);
			RedisCommands<String, byte[]> redis = connection.sync();
			String victimKey = null;
			String otherKey = null;
			for (String key : redis.keys(prefix + "*")) {
				if (key.endsWith(victim.key().hex())) {
					victimKey = key;
				}
				if (key.endsWith(other.key().hex())) {
					otherKey = key;
				}
			}
			assertThat(victimKey).isNotNull();
			assertThat(otherKey).isNotNull();
			redis.set(victimKey, redis.get(otherKey));
			assertThatExceptionOfType(CorruptEntryException.class).isThrownBy(() -> calls.load(victim.key().hex()));
			assertThat(calls.load(other.key().hex())).isEqualTo(other);
		}
		finally {
			connection.close();
		}
	}

}
