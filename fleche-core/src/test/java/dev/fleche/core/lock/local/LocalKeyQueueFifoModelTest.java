package dev.fleche.core.lock.local;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.fleche.core.lock.HeldModes;
import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.spi.Grant;
import dev.fleche.core.lock.spi.KeyQueue;
import dev.fleche.core.lock.spi.Owner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives one key's queue through random arrivals, releases and cancellations from seeded random
 * runs, and checks the FIFO invariants after every step: grants go to a prefix of the live
 * requests in arrival order, the head waiter is not compatible with what is held (nobody who
 * could run waits), what is held is mutually compatible, and tokens rise in grant order.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LocalKeyQueueFifoModelTest {

	private static final List<LockMode> MODES = List.of(LockMode.MUTEX, LockMode.READ, LockMode.WRITE,
			LockMode.semaphore(2), LockMode.of("audit", (held) -> held.count(LockMode.WRITE) == 0
					&& held.count(LockMode.MUTEX) == 0 && held.count("semaphore:2") == 0));

	@Test
	void randomRunsKeepTheFifoInvariants() {
		for (int seed = 0; seed < 300; seed++) {
			run(new Random(seed), seed);
		}
	}

	private void run(Random random, int seed) {
		try (LocalLockBackend backend = new LocalLockBackend()) {
			KeyQueue queue = backend.queue("model");
			List<Request> requests = new ArrayList<>();
			List<Long> grantOrder = new ArrayList<>();
			for (int step = 0; step < 60; step++) {
				int action = random.nextInt(10);
				if (action < 5) {
					LockMode mode = MODES.get(random.nextInt(MODES.size()));
					requests.add(new Request(mode, queue.enqueue(mode, new Owner(1, requests.size()), LockOptions.defaults())));
				}
				else if (action < 8) {
					releaseOne(random, requests);
				}
				else {
					cancelOne(random, requests);
				}
				check(queue, requests, grantOrder, seed, step);
			}
			while (requests.stream().anyMatch((request) -> request.isHeld() || request.isWaiting())) {
				releaseOne(random, requests);
				check(queue, requests, grantOrder, seed, -1);
			}
			assertThat(queue.held()).isEqualTo(HeldModes.none());
			assertThat(queue.queueLength()).isZero();
		}
	}

	private static void releaseOne(Random random, List<Request> requests) {
		List<Request> held = requests.stream().filter(Request::isHeld).toList();
		if (!held.isEmpty()) {
			Request request = held.get(random.nextInt(held.size()));
			assertThat(request.future.join().release()).isTrue();
			request.released = true;
		}
	}

	private static void cancelOne(Random random, List<Request> requests) {
		List<Request> waiting = requests.stream().filter(Request::isWaiting).toList();
		if (!waiting.isEmpty()) {
			assertThat(waiting.get(random.nextInt(waiting.size())).future.cancel(false)).isTrue();
		}
	}

	private static void check(KeyQueue queue, List<Request> requests, List<Long> grantOrder, int seed, int step) {
		String where = "seed " + seed + " step " + step;
		List<Request> live = requests.stream().filter((request) -> !request.future.isCancelled()).toList();
		boolean waitingSeen = false;
		List<Request> newlyGranted = new ArrayList<>();
		Map<String, Integer> counts = new HashMap<>();
		for (Request request : live) {
			if (request.isWaiting()) {
				waitingSeen = true;
				continue;
			}
			assertThat(waitingSeen).as("%s: %s granted while an earlier request waits", where, request.mode).isFalse();
			if (!request.recorded) {
				request.recorded = true;
				grantOrder.add(request.future.join().token());
				newlyGranted.add(request);
			}
			else if (request.isHeld()) {
				counts.merge(request.mode.name(), 1, Integer::sum);
			}
		}
		assertThat(grantOrder).as(where).isSorted().doesNotHaveDuplicates();
		for (Request request : newlyGranted) {
			HeldModes before = HeldModes.of(counts);
			assertThat(request.mode.isCompatible(before)).as("%s: %s granted with %s", where, request.mode, before).isTrue();
			counts.merge(request.mode.name(), 1, Integer::sum);
		}
		HeldModes modes = queue.held();
		assertThat(modes).as(where).isEqualTo(HeldModes.of(counts));
		live.stream().filter(Request::isWaiting).findFirst().ifPresent((head) -> assertThat(head.mode.isCompatible(modes))
			.as("%s: head %s waits though compatible with %s", where, head.mode, modes).isFalse());
		assertThat(queue.queueLength()).as(where).isEqualTo((int) live.stream().filter(Request::isWaiting).count());
	}

	/** One request of the run and what the test did with it. */
	private static final class Request {

		final LockMode mode;

		final CompletableFuture<Grant> future;

		boolean released;

		boolean recorded;

		Request(LockMode mode, CompletableFuture<Grant> future) {
			this.mode = mode;
			this.future = future;
		}

		boolean isWaiting() {
			return !this.future.isDone();
		}

		boolean isHeld() {
			return this.future.isDone() && !this.future.isCancelled() && !this.released;
		}

	}

}
