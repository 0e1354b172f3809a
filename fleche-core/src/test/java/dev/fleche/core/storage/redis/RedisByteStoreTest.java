package dev.fleche.core.storage.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.fleche.core.call.Call;
import dev.fleche.core.call.CallTemplate;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.digest.Digester;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.codec.EntryCodec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * What the Redis store adds to the storage contracts: expiry per entry, the function index, and
 * prefix validation.
 */
class RedisByteStoreTest {

	private static final Digest A = Digest.of("ab".repeat(32));

	private static final Digest B = Digest.of("abcd" + "0".repeat(60));

	@Test
	void entriesWithAnExpiryLeaveTheStoreAndItsIndex() {
		RedisByteStore store = new RedisByteStore(RedisStorageFixture.connection(), RedisStorageFixture.prefix(), null);
		store.put(A, bytes("kept"));
		store.put(B, bytes("fleeting"), Duration.ofMillis(200));
		assertThat(store.matching("abcd", 10)).containsExactly(B);
		await().atMost(Duration.ofSeconds(10)).until(() -> !store.contains(B));
		assertThat(store.get(B)).isNull();
		assertThat(store.matching("abcd", 10)).isEmpty();
		assertThat(store.matching("abab", 10)).containsExactly(A);
		assertThat(store.keys()).containsExactly(A);
		store.put(B, bytes("back"), Duration.ofMillis(100));
		store.put(B, bytes("for good"));
		await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(10)).until(() -> store.contains(B));
		assertThat(store.keys()).containsExactly(A, B);
		assertThat(new String(store.get(B), StandardCharsets.UTF_8)).isEqualTo("for good");
	}

	@Test
	void defaultExpiryAppliesToEveryWrite() {
		RedisByteStore store = new RedisByteStore(RedisStorageFixture.connection(), RedisStorageFixture.prefix(),
				Duration.ofMillis(150));
		store.put(A, bytes("x"));
		assertThat(store.contains(A)).isTrue();
		await().atMost(Duration.ofSeconds(10)).until(() -> store.keys().isEmpty());
	}

	@Test
	void queryByNameReadsTheFunctionsIndexAndDropsEvictedMembers() {
		CallStorage calls = RedisStorage.calls(RedisStorageFixture.connection(), RedisStorageFixture.prefix(),
				EntryCodec.plain(), null);
		Call first = call("price", 1);
		Call second = call("price", 2);
		Call other = call("stock", 1);
		calls.save(first);
		calls.save(second);
		calls.save(other);
		assertThat(calls.query(CallTemplate.any().withName("price"))).containsExactlyInAnyOrder(first, second);
		calls.evict(first.key().hex());
		assertThat(calls.query(CallTemplate.any().withName("price"))).containsExactly(second);
		assertThat(calls.query(CallTemplate.any().withName("nothing"))).isEmpty();
		assertThat(calls.query(CallTemplate.any())).containsExactlyInAnyOrder(second, other);
	}

	@Test
	void badPrefixesAndExpiriesAreRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RedisByteStore(RedisStorageFixture.connection(), "bad{prefix}", null))
			.withMessageContaining("hash tags");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RedisByteStore(RedisStorageFixture.connection(), "ok:", Duration.ZERO))
			.withMessageContaining("positive");
	}

	private static Call call(String name, int argument) {
		Digester digester = Digester.standard();
		return new Call(name, "1", Map.of("a", digester.digest(argument)), digester.digest(argument * 10), Map.of());
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
