package dev.fleche.core.lock.redis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.lock.redis.LockScripts.Op;

/**
 * Renews this instance's grants without an explicit lease and its queued requests every third of
 * the watchdog timeout, one pipelined script per key; checks leased grants on the way. What the
 * server no longer has is lost (grants) or re-checked (requests).
 */
final class Watchdog {

	private final RedisLockBackend backend;

	private @Nullable ScheduledFuture<?> task;

	Watchdog(RedisLockBackend backend) {
		this.backend = backend;
	}

	void start() {
		long period = Math.max(30, this.backend.watchdogTimeout().toMillis() / 3);
		this.task = this.backend.executor().scheduleWithFixedDelay(this::renew, period, period, TimeUnit.MILLISECONDS);
	}

	void stop() {
		ScheduledFuture<?> running = this.task;
		if (running != null) {
			running.cancel(false);
		}
	}

	/** One renewal round. */
	void renew() {
		Map<RedisKeyQueue, Batch> batches = new HashMap<>();
		for (Object value : this.backend.live().values()) {
			if (value instanceof RedisGrant grant && grant.held()) {
				Batch batch = batches.computeIfAbsent(grant.queue(), (q) -> new Batch());
				(grant.leased() ? batch.check : batch.renew).add(grant.id);
			}
			else if (value instanceof RedisRequest request && !request.isDone()) {
				batches.computeIfAbsent(request.queue, (q) -> new Batch()).renew.add(request.id);
			}
		}
		batches.forEach(this::send);
	}

	private void send(RedisKeyQueue queue, Batch batch) {
		List<String> args = new ArrayList<>(batch.renew.size() + batch.check.size() + 3);
		args.add(this.backend.channelPrefix());
		args.add(this.backend.watchdogMillis());
		args.add(Integer.toString(batch.renew.size()));
		args.addAll(batch.renew);
		args.addAll(batch.check);
		this.backend.scripts()
			.callAsync(Op.RENEW, queue.keys().keys, args.toArray(String[]::new))
			.whenComplete((missing, failure) -> {
				if (failure != null) {
					this.backend.log().debug("Lock renewal on '{}' failed: {}", queue.key(), failure.toString());
					return;
				}
				for (Object id : missing) {
					Object value = this.backend.live().get(String.valueOf(id));
					if (value instanceof RedisGrant grant) {
						runLater(grant::markLost);
					}
					else if (value instanceof RedisRequest request) {
						runLater(() -> this.backend.checks().recheck(request));
					}
				}
			});
	}

	private void runLater(Runnable action) {
		try {
			this.backend.executor().execute(action);
		}
		catch (RuntimeException ex) {
			this.backend.log().debug("Executor closed: {}", ex.toString());
		}
	}

	/** The ids of one key to renew and to check. */
	private static final class Batch {

		final List<String> renew = new ArrayList<>();

		final List<String> check = new ArrayList<>();

	}

}
