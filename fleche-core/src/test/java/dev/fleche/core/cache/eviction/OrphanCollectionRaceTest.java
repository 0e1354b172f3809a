package dev.fleche.core.cache.eviction;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.fleche.core.cache.CallCache;
import dev.fleche.core.cache.CallSpec;
import dev.fleche.core.call.Call;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.testing.Stores;
import dev.fleche.core.testing.TickingClock;

/**
 * A save that reuses a value while the collector is deciding that this value is an orphan: run
 * many times, no call is ever left pointing at a missing value.
 */
class OrphanCollectionRaceTest {

	private static final int ROUNDS = 300;

	@TempDir
	Path directory;

	private final Stores stores = new Stores();

	private final ExecutorService threads = Executors.newFixedThreadPool(2);

	@AfterEach
	void close() {
		this.threads.shutdownNow();
		this.stores.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "memory", "sqlite" })
	void aSaveReusingAValueBeingCollectedNeverLosesIt(String backend) throws Exception {
		Stores.Pair store = this.stores.open(backend, this.directory);
		try (SizeLimiter limiter = new SizeLimiter(store.values(), store.calls(), Long.MAX_VALUE, new TickingClock())) {
			CallCache cache = CallCache.builder(store.values(), store.calls()).sizeLimiter(limiter).build();
			CyclicBarrier start = new CyclicBarrier(2);
			int collectedReused = 0;
			for (int round = 0; round < ROUNDS; round++) {
				// the previous round's call goes, so the shared result and argument become orphans
				for (Digest key : store.calls().list()) {
					store.calls().evict(key.hex());
				}
				CallSpec spec = new CallSpec("test#race", "1", Map.of("round", round, "shared", "argument"), String.class);
				Future<?> save = this.threads.submit(() -> {
					start.await(5, TimeUnit.SECONDS);
					try {
						return cache.call(spec, () -> "the shared result");
					}
					catch (Throwable ex) {
						throw new IllegalStateException(ex);
					}
				});
				Future<Integer> collect = this.threads.submit(() -> {
					start.await(5, TimeUnit.SECONDS);
					return limiter.collectOrphans();
				});
				save.get(10, TimeUnit.SECONDS);
				collectedReused += collect.get(10, TimeUnit.SECONDS);
				for (Digest key : store.calls().list()) {
					Call call = store.calls().load(key.hex());
					assertThat(store.values().contains(call.result().hex()))
						.as("round %d: the result of a stored call was collected", round).isTrue();
					assertThat(store.values().load(call.result().hex(), String.class)).isEqualTo("the shared result");
					for (Digest argument : call.arguments().values()) {
						assertThat(store.values().contains(argument.hex()))
							.as("round %d: an argument of a stored call was collected", round).isTrue();
					}
				}
			}
			limiter.awaitIdle(Duration.ofSeconds(10));
			assertThat(collectedReused).as("the collector did run against the saves").isPositive();
		}
	}

}
