package dev.fleche.autoconfigure.springcache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.fleche.core.cache.eviction.SizeLimiter;
import dev.fleche.core.call.CallTemplate;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.local.LocalLockBackend;
import dev.fleche.core.lock.support.LockServices;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.storage.memory.MemoryStorage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring cache entries under a store's size limit: evicted least recently used with the cached
 * calls, never collected as values no call uses while the store is within its limit.
 */
class FlecheCacheSizeLimitTests {

	private final ValueStorage values = MemoryStorage.values();

	private final CallStorage calls = MemoryStorage.calls();

	private final LockService locks = LockServices.create(new LocalLockBackend());

	/** A clock one second further at every read, so entries are strictly ordered by creation. */
	private final Clock clock = new Clock() {

		private final AtomicLong millis = new AtomicLong(1_700_000_000_000L);

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return Instant.ofEpochMilli(this.millis.addAndGet(1000));
		}

	};

	private final SizeLimiter limiter = new SizeLimiter(this.values, this.calls, 64 * 1024, this.clock);

	private final FlecheCacheManager manager = FlecheCacheManager.builder(this.values, this.locks)
		.sizeLimit(this.calls, this.limiter)
		.clock(this.clock)
		.build();

	@AfterEach
	void close() {
		this.limiter.close();
		this.locks.close();
	}

	private long storedSize() {
		long size = 0;
		for (Digest key : this.values.list()) {
			size += Math.max(0, this.values.storedSize(key));
		}
		for (Digest key : this.calls.list()) {
			size += Math.max(0, this.calls.storedSize(key));
		}
		return size;
	}

	@Test
	void entriesWithinTheLimitAreNeverCollectedAsOrphans() throws Exception {
		FlecheCache cache = this.manager.getCache("small", String.class);
		for (int i = 0; i < 20; i++) {
			cache.put(i, "value " + i);
		}
		this.limiter.awaitIdle(Duration.ofSeconds(10));
		assertThat(this.limiter.collectOrphans()).isZero();
		this.limiter.enforce();
		for (int i = 0; i < 20; i++) {
			assertThat(cache.get(i, String.class)).isEqualTo("value " + i);
		}
		assertThat(this.calls.query(CallTemplate.any().withName(EntryRecords.function("small")))).hasSize(20);
	}

	@Test
	void pastTheLimitTheStoreShrinksAndTheNewestEntriesSurvive() throws Exception {
		FlecheCache cache = this.manager.getCache("big", String.class);
		String filler = "x".repeat(2000);
		for (int i = 0; i < 200; i++) {
			cache.put(i, filler + i);
		}
		this.limiter.awaitIdle(Duration.ofSeconds(30));
		this.limiter.enforce();
		assertThat(storedSize()).isPositive().isLessThanOrEqualTo(64 * 1024);
		assertThat(cache.get(199, String.class)).isEqualTo(filler + 199);
		assertThat(cache.get(0)).isNull();
		for (Digest key : this.calls.list()) {
			Digest entry = this.calls.load(key.hex()).result();
			assertThat(this.values.contains(entry.hex())).as("every remaining record's entry is stored").isTrue();
		}
	}

	@Test
	void evictAndClearRemoveTheRecordsToo() {
		FlecheCache cache = this.manager.getCache("gone", String.class);
		cache.put("a", "1");
		cache.put("b", "2");
		cache.evict("a");
		assertThat(this.calls.query(CallTemplate.any().withName(EntryRecords.function("gone")))).hasSize(1);
		cache.clear();
		assertThat(this.calls.list()).isEmpty();
		assertThat(cache.get("b")).isNull();
	}

}
