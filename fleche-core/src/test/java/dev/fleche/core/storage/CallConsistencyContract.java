package dev.fleche.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.fleche.core.call.Call;
import dev.fleche.core.call.CallTemplate;
import dev.fleche.core.digest.Digest;

/**
 * A read returns exactly one saved version of a call: never the result of one save with the
 * metadata of another, never a record with arguments missing because an evict ran in between.
 * One writer re-saves two versions of a call and evicts it while readers load, query and read
 * the result; no read may see a torn record. The run lasts {@code fleche.stress.millis}
 * (1500 ms by default) per storage.
 */
public abstract class CallConsistencyContract extends CallTransformContract {

	private static final long RUN_MILLIS = Long.getLong("fleche.stress.millis", 1500);

	@Test
	void readersNeverSeeATornRecordWhileOneWriterResavesAndEvicts() throws Exception {
		Call base = new Call("stress", "1", call("stress", 1, 2, 0).arguments(), digest(0), java.util.Map.of());
		Call versionA = base.withResult(digest("A"))
			.withMetadata("version", json("\"A\""))
			.withMetadata("detail", json("{\"of\":\"A\",\"n\":1}"));
		Call versionB = base.withResult(digest("B"))
			.withMetadata("version", json("\"B\""))
			.withMetadata("detail", json("{\"of\":\"B\",\"n\":2}"))
			.withMetadata("onlyB", json("true"));
		Call bystander = call("other", 3, 4, 5).withMetadata("version", json("\"C\""));
		this.storage.save(bystander);
		Set<Call> whole = Set.of(versionA, versionB, bystander);
		Digest key = base.key();
		ConcurrentLinkedQueue<String> torn = new ConcurrentLinkedQueue<>();
		AtomicLong seen = new AtomicLong();
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RUN_MILLIS);
		ExecutorService pool = Executors.newFixedThreadPool(4);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<?>> futures = new ArrayList<>();
			futures.add(pool.submit(() -> {
				start.await();
				while (System.nanoTime() < deadline) {
					this.storage.save(versionA);
					this.storage.save(versionB);
					this.storage.evict(key.hex());
				}
				return null;
			}));
			for (int r = 0; r < 3; r++) {
				int reader = r;
				futures.add(pool.submit(() -> {
					start.await();
					while (System.nanoTime() < deadline) {
						for (Call call : read(reader, key)) {
							seen.incrementAndGet();
							if (!whole.contains(call)) {
								torn.add(call.toString());
							}
						}
						readResult(key, versionA, versionB, torn);
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get(RUN_MILLIS + 60_000, TimeUnit.MILLISECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(torn).as("torn records read").isEmpty();
		assertThat(seen.get()).as("records read").isPositive();
		assertThat(this.storage.load(bystander.key().hex())).isEqualTo(bystander);
	}

	private List<Call> read(int reader, Digest key) {
		return switch (reader) {
			case 0 -> loadOrNothing(key);
			case 1 -> this.storage.query(CallTemplate.any());
			default -> this.storage.query(CallTemplate.any().withName("stress").withMetadata("version"));
		};
	}

	private List<Call> loadOrNothing(Digest key) {
		try {
			return List.of(this.storage.load(key.prefix(10)));
		}
		catch (KeyNotFoundException ex) {
			return List.of();
		}
	}

	private void readResult(Digest key, Call versionA, Call versionB, ConcurrentLinkedQueue<String> torn) {
		try {
			Digest result = this.storage.result(key.hex());
			if (!result.equals(versionA.result()) && !result.equals(versionB.result())) {
				torn.add("result " + result);
			}
		}
		catch (KeyNotFoundException ex) {
			// evicted meanwhile
		}
	}

}
