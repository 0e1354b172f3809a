package dev.fleche.core.lock.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.lock.HeldModes;
import dev.fleche.core.lock.LockException;
import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.LockState;
import dev.fleche.core.lock.redis.LockScripts.Op;
import dev.fleche.core.lock.spi.Grant;
import dev.fleche.core.lock.spi.KeyQueue;
import dev.fleche.core.lock.spi.Owner;

/**
 * The queue of one key on the server. Built-in modes are decided by the scripts; a user-defined
 * mode is decided here, on the held counts the script returns, and confirmed by a script that
 * grants only if nothing changed since (a compare-and-set on the key's version).
 */
final class RedisKeyQueue implements KeyQueue {

	private final String key;

	private final RedisLockBackend backend;

	private final LockKeys keys;

	RedisKeyQueue(String key, RedisLockBackend backend, LockKeys keys) {
		this.key = key;
		this.backend = backend;
		this.keys = keys;
	}

	@Override
	public String key() {
		return this.key;
	}

	RedisLockBackend backend() {
		return this.backend;
	}

	LockKeys keys() {
		return this.keys;
	}

	@Override
	public @Nullable Grant tryAcquire(LockMode mode, Owner owner, LockOptions options) {
		String id = this.backend.nextRequestId();
		this.backend.indexTags(this.key, options.tags());
		String version = "-1";
		while (true) {
			Reply reply = call(Op.TRY, id, this.backend.process(), ownerName(owner), leaseMillis(options),
					Json.modeAndTags(mode.name(), options.tags()), mode.name(), options.fair() ? "1" : "0", version);
			if (reply.kind == Reply.GRANTED) {
				return newGrant(id, mode, owner, options, reply);
			}
			if (reply.kind != Reply.DECIDE || !compatible(mode, reply.held())) {
				return null;
			}
			version = reply.version();
		}
	}

	@Override
	public CompletableFuture<Grant> enqueue(LockMode mode, Owner owner, LockOptions options) {
		String id = this.backend.nextRequestId();
		RedisRequest request = new RedisRequest(this, id, mode, owner, options);
		this.backend.track(id, request);
		this.backend.indexTags(this.key, options.tags());
		Reply reply;
		try {
			reply = enqueueOnServer(request);
		}
		catch (RuntimeException ex) {
			this.backend.forget(id, request);
			throw ex;
		}
		advance(request, reply);
		return request;
	}

	@Override
	public HeldModes held() {
		Map<String, Integer> counts = new HashMap<>();
		for (LockState.Holder holder : state().holders()) {
			counts.merge(holder.mode(), 1, Integer::sum);
		}
		return HeldModes.of(counts);
	}

	@Override
	public int queueLength() {
		return state().queueLength();
	}

	@Override
	public LockState state() {
		List<Object> reply = this.backend.scripts().call(Op.STATE, this.keys.keys, this.backend.channelPrefix(),
				this.backend.watchdogMillis());
		long lastToken = Long.parseLong(String.valueOf(reply.get(0)));
		int queueLength = Integer.parseInt(String.valueOf(reply.get(1)));
		List<LockState.Holder> holders = new ArrayList<>();
		for (Object value : (List<?>) reply.get(2)) {
			holders.add(HolderValue.parse(String.valueOf(value)));
		}
		Set<String> tags = new HashSet<>();
		for (Object tag : (List<?>) reply.get(3)) {
			tags.add(String.valueOf(tag));
		}
		return new LockState(this.key, RedisLockBackend.NAME, holders, queueLength, lastToken, tags);
	}

	boolean release(RedisGrant grant) {
		return new Reply(this.backend.scripts().call(Op.RELEASE, this.keys.keys, this.backend.channelPrefix(),
				this.backend.watchdogMillis(), grant.id)).kind == Reply.GRANTED;
	}

	Reply extend(RedisGrant grant, Duration lease) {
		return call(Op.EXTEND, grant.id, Long.toString(Math.max(1, lease.toMillis())));
	}

	/** Takes the request off the server's queue, or releases its grant if it raced. */
	void withdraw(RedisRequest request) {
		this.backend.forget(request.id, request);
		try {
			call(Op.WITHDRAW, request.id);
		}
		catch (RuntimeException ex) {
			this.backend.log().warn("Could not withdraw request {} from lock '{}'; its process's watchdog timeout "
					+ "will remove it: {}", request.id, this.key, ex.toString());
		}
	}

	/** Asks the server where a waiting request stands and acts on it. */
	void check(RedisRequest request) {
		if (request.isDone()) {
			return;
		}
		advance(request, call(Op.CLAIM, request.id, "-1"));
	}

	/** The server granted the request (told by a message or a reply). */
	void granted(RedisRequest request, long token, long expiresAtMillis) {
		if (request.isDone()) {
			if (request.isCancelled() || request.isCompletedExceptionally()) {
				this.backend.checks().releaseQuietly(this, request.id);
			}
			return;
		}
		Instant expires = (request.options.lease() != null) ? Instant.ofEpochMilli(expiresAtMillis) : null;
		RedisGrant grant = new RedisGrant(this, request.id, request.mode, request.owner, token, expires);
		this.backend.checks().adopt(grant, request.options.lease());
		if (!request.complete(grant)) {
			if (request.isDone() && !request.isCancelled() && !request.isCompletedExceptionally()
					&& request.join() instanceof RedisGrant other && other.id.equals(grant.id)) {
				// told twice (a message and a reply): the first grant object stays the live one
				this.backend.track(other.id, other);
			}
			else {
				grant.release();
			}
		}
	}

	/** Acts on the server's answer about a waiting request until it waits again or is done. */
	void advance(RedisRequest request, Reply first) {
		Reply reply = first;
		while (!request.isDone()) {
			switch (reply.kind) {
				case Reply.GRANTED -> {
					granted(request, reply.token(), reply.expiresAtMillis());
					return;
				}
				case Reply.WAITING -> {
					this.backend.checks().scheduleRecheck(request, reply.recheckMillis(this.backend.safetyRecheckMillis()));
					return;
				}
				case Reply.DECIDE -> {
					boolean ok;
					try {
						ok = compatible(request.mode, reply.held());
					}
					catch (LockException ex) {
						request.completeExceptionally(ex);
						return;
					}
					if (!ok) {
						this.backend.checks().scheduleRecheck(request, this.backend.safetyRecheckMillis());
						return;
					}
					reply = call(Op.CLAIM, request.id, reply.version());
				}
				default -> {
					// the server lost the request (restarted without persistence, or it outlived the
					// watchdog timeout unrenewed): queue it again, at the back
					this.backend.log().info("Request {} for lock '{}' was gone from Redis; queued again", request.id,
							this.key);
					reply = enqueueOnServer(request);
				}
			}
		}
	}

	private Reply enqueueOnServer(RedisRequest request) {
		return call(Op.ENQUEUE, request.id, this.backend.process(), ownerName(request.owner),
				leaseMillis(request.options), Json.modeAndTags(request.mode.name(), request.options.tags()),
				request.mode.name());
	}

	private RedisGrant newGrant(String id, LockMode mode, Owner owner, LockOptions options, Reply reply) {
		Instant expires = (options.lease() != null) ? Instant.ofEpochMilli(reply.expiresAtMillis()) : null;
		RedisGrant grant = new RedisGrant(this, id, mode, owner, reply.token(), expires);
		this.backend.checks().adopt(grant, options.lease());
		return grant;
	}

	private Reply call(Op op, String... args) {
		String[] all = new String[args.length + 2];
		all[0] = this.backend.channelPrefix();
		all[1] = this.backend.watchdogMillis();
		System.arraycopy(args, 0, all, 2, args.length);
		return new Reply(this.backend.scripts().call(op, this.keys.keys, all));
	}

	/** Asks a mode's rule; a rule that throws fails its own request. */
	private boolean compatible(LockMode mode, HeldModes held) {
		try {
			return mode.isCompatible(held);
		}
		catch (RuntimeException ex) {
			throw new LockException(this.key, "Compatibility rule of mode '" + mode.name() + "' failed on lock '"
					+ this.key + "' with " + held + ": " + ex, ex);
		}
	}

	private static String leaseMillis(LockOptions options) {
		Duration lease = options.lease();
		return (lease != null) ? Long.toString(Math.max(1, lease.toMillis())) : "0";
	}

	private static String ownerName(Owner owner) {
		return owner.pid() + "/" + owner.threadId();
	}

	@Override
	public String toString() {
		return "RedisKeyQueue[" + this.key + "]";
	}

}
