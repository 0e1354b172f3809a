package dev.fleche.core.lock.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.lock.redis.LockScripts.Op;

/**
 * The timed checks of one backend instance: a leased grant is checked at its lease's end, a
 * waiting request at its holders' first lease end or the slow safety interval, so a lost message
 * or an expired holder never leaves anyone waiting.
 */
final class Checks {

	private final RedisLockBackend backend;

	Checks(RedisLockBackend backend) {
		this.backend = backend;
	}

	/** Keeps a fresh grant: the watchdog renews it; a leased one is checked when its lease ends. */
	void adopt(RedisGrant grant, @Nullable Duration lease) {
		this.backend.track(grant.id, grant);
		if (lease != null) {
			scheduleLeaseCheck(grant, lease);
		}
	}

	void scheduleLeaseCheck(RedisGrant grant, Duration lease) {
		if (this.backend.isClosed()) {
			return;
		}
		this.backend.executor().schedule(() -> {
			if (grant.held()) {
				check(grant);
			}
		}, lease.toMillis() + 5, TimeUnit.MILLISECONDS);
	}

	/** Asks the server whether it still has {@code grant}; marks it lost if not. */
	void check(RedisGrant grant) {
		try {
			List<Object> missing = this.backend.scripts().call(Op.RENEW, grant.queue().keys().keys, this.backend.channelPrefix(),
					this.backend.watchdogMillis(), "0", grant.id);
			if (!missing.isEmpty()) {
				grant.markLost();
			}
		}
		catch (RuntimeException ex) {
			this.backend.log().debug("Lease check of {} failed: {}", grant, ex.toString());
		}
	}

	void scheduleRecheck(RedisRequest request, long delayMillis) {
		if (this.backend.isClosed() || request.isDone()) {
			return;
		}
		long delay = Math.max(1, Math.min(delayMillis + 2, this.backend.safetyRecheckMillis()));
		request.recheckWith(this.backend.executor().schedule(() -> recheck(request), delay, TimeUnit.MILLISECONDS));
	}

	/** Re-checks a waiting request on the executor. */
	void recheck(RedisRequest request) {
		if (request.isDone() || this.backend.isClosed()) {
			return;
		}
		try {
			request.queue.check(request);
		}
		catch (RuntimeException ex) {
			this.backend.log().debug("Re-check of request {} on lock '{}' failed, retrying: {}", request.id, request.queue.key(),
					ex.toString());
			scheduleRecheck(request, this.backend.safetyRecheckMillis());
		}
	}

	void releaseQuietly(RedisKeyQueue queue, String id) {
		try {
			this.backend.scripts().call(Op.WITHDRAW, queue.keys().keys, this.backend.channelPrefix(), this.backend.watchdogMillis(), id);
		}
		catch (RuntimeException ex) {
			this.backend.log().warn("Could not release grant {} of lock '{}'; the watchdog timeout will free it: {}", id, queue.key(),
					ex.toString());
		}
	}

}
