package dev.fleche.core.storage.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.fleche.core.call.Call;
import dev.fleche.core.call.CallTemplate;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.digest.Digester;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.memory.MemoryStorage;
import dev.fleche.core.storage.support.AbstractCallStorage;

/**
 * A thread that holds a wrapper's read lock and starts a write on the same store (a callback from
 * inside a load) proceeds when it is the only reader, and fails at once with a
 * {@link LockUpgradeException} naming the operation when others read too; it never hangs. On
 * every wrapper: serializing, per-key, and the two composed.
 */
class LockUpgradeTest {

	private static final Duration WITHIN = Duration.ofSeconds(1);

	static Stream<Arguments> wrappers() {
		return Stream.of(Arguments.of("serializing", (UnaryOperator<CallStorage>) LockingStorages::serializing),
				Arguments.of("per-key", (UnaryOperator<CallStorage>) LockingStorages::perKey),
				Arguments.of("serializing over per-key",
						(UnaryOperator<CallStorage>) s -> LockingStorages.serializing(LockingStorages.perKey(s))));
	}

	private static Digest digest(Object value) {
		return Digester.standard().digest(value);
	}

	private static final Call CALL = new Call("f", "1", Map.of("a", digest(1)), digest(2), Map.of());

	/** A call storage whose {@code load} first runs a callback, as a storage listener would. */
	static final class CallbackStorage extends AbstractCallStorage {

		final CallStorage delegate = MemoryStorage.calls();

		volatile Runnable onLoad = () -> { };

		@Override
		public Digest save(Call call) {
			return this.delegate.save(call);
		}

		@Override
		public Call load(String digestOrPrefix) {
			this.onLoad.run();
			return this.delegate.load(digestOrPrefix);
		}

		@Override
		public List<Call> query(CallTemplate template) {
			return this.delegate.query(template);
		}

		@Override
		public List<Digest> list() {
			return this.delegate.list();
		}

		@Override
		public Digest expand(String digestOrPrefix) {
			return this.delegate.expand(digestOrPrefix);
		}

		@Override
		public Map<Digest, String> shrink(java.util.Collection<Digest> keys) {
			return this.delegate.shrink(keys);
		}

		@Override
		public boolean contains(String digestOrPrefix) {
			return this.delegate.contains(digestOrPrefix);
		}

		@Override
		public void evict(String digestOrPrefix) {
			this.delegate.evict(digestOrPrefix);
		}

	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("wrappers")
	void theOnlyReaderWritingTheKeyItReadsProceeds(String name, UnaryOperator<CallStorage> wrap) {
		CallbackStorage inner = new CallbackStorage();
		CallStorage storage = wrap.apply(inner);
		storage.save(CALL);
		Call updated = CALL.withResult(digest(3));
		inner.onLoad = () -> {
			inner.onLoad = () -> { };
			storage.save(updated);
		};
		Call loaded = assertTimeoutPreemptively(WITHIN, () -> storage.load(CALL.key().hex()));
		assertThat(loaded).isEqualTo(updated);
		assertThat(assertTimeoutPreemptively(WITHIN, () -> storage.load(CALL.key().hex()))).isEqualTo(updated);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("wrappers")
	void theOnlyReaderStartingATransformProceeds(String name, UnaryOperator<CallStorage> wrap) {
		CallbackStorage inner = new CallbackStorage();
		CallStorage storage = wrap.apply(inner);
		storage.save(CALL);
		inner.onLoad = () -> {
			inner.onLoad = () -> { };
			storage.transform(c -> c.withResult(digest(4)));
		};
		assertThat(assertTimeoutPreemptively(WITHIN, () -> storage.load(CALL.key().hex())).result()).isEqualTo(digest(4));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("wrappers")
	void aWriterAmongOtherReadersFailsAtOnceNamingTheOperation(String name, UnaryOperator<CallStorage> wrap)
			throws Exception {
		CallbackStorage inner = new CallbackStorage();
		CallStorage storage = wrap.apply(inner);
		storage.save(CALL);
		CountDownLatch otherReading = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		inner.onLoad = () -> {
			otherReading.countDown();
			await(release);
		};
		CompletableFuture<Call> other = CompletableFuture.supplyAsync(() -> storage.load(CALL.key().hex()));
		assertThat(otherReading.await(5, TimeUnit.SECONDS)).isTrue();
		inner.onLoad = () -> storage.save(CALL.withResult(digest(5)));
		try {
			assertTimeoutPreemptively(WITHIN, () -> assertThatThrownBy(() -> storage.load(CALL.key().hex()))
				.isInstanceOfSatisfying(LockUpgradeException.class, ex -> {
					assertThat(ex.operation()).isEqualTo("save");
					assertThat(ex.getMessage()).contains("save");
				}));
		}
		finally {
			release.countDown();
		}
		assertThat(other.get(5, TimeUnit.SECONDS)).isEqualTo(CALL);
		inner.onLoad = () -> { };
		assertThat(storage.load(CALL.key().hex())).isEqualTo(CALL);
		storage.save(CALL.withResult(digest(6)));
		assertThat(storage.load(CALL.key().hex()).result()).isEqualTo(digest(6));
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
