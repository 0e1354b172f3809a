package dev.fleche.core.lock.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.fleche.core.lock.LockException;
import dev.fleche.core.lock.LockState;
import dev.fleche.core.lock.redis.LockScripts.Op;
import dev.fleche.core.lock.spi.KeyQueue;
import dev.fleche.core.lock.spi.LockBackend;

/**
 * Locks on a Redis server, shared by every process and host that uses it with the same prefix.
 * <p>
 * Each key's queue, holders and held-mode counts live in keys under one hash tag; every change
 * is one server-side script, so an uncontended acquire or release is one round trip. Requests
 * queue in arrival order; a release grants the next compatible requests in the script and
 * publishes each grant on the channel of the waiter's backend instance, which every instance
 * subscribes to once; a waiter also re-checks slowly (and at the first holder's lease end) in case
 * a message was lost. Built-in modes are decided by the scripts; a user-defined mode at the head
 * of a queue is decided by its own process and confirmed by a compare-and-set script.
 * <p>
 * Grants without an explicit lease, and queued requests, expire {@code watchdogTimeout} after
 * their last renewal; this instance renews its own every third of that, so a dead process's
 * grants free within the timeout. Fencing tokens are never below the server's clock in
 * microseconds, so they keep increasing after a restart that lost the data. When a connection
 * fails, held grants complete {@code inDoubt()}; when the server no longer has a grant (lease ran
 * out, taken by tag, server restarted empty), it completes {@code lost()}.
 */
public final class RedisLockBackend implements LockBackend {

	/** The name of this backend. */
	public static final String NAME = "redis";

	private static final Logger log = LoggerFactory.getLogger(RedisLockBackend.class);

	private static final long SAFETY_RECHECK_MILLIS = 5000;

	private final RedisClient client;

	private final boolean ownsClient;

	private final RedisLockSettings settings;

	private final StatefulRedisConnection<String, String> connection;

	private final StatefulRedisPubSubConnection<String, String> pubSub;

	private final LockScripts scripts;

	private final String process = UUID.randomUUID().toString().replace("-", "");

	private final String channelPrefix;

	private final String watchdogMillis;

	private final AtomicLong requestIds = new AtomicLong();

	private final KeyQueues queues = new KeyQueues(this);

	/** This instance's requests and grants by id: RedisRequest or RedisGrant. */
	private final ConcurrentHashMap<String, Object> live = new ConcurrentHashMap<>();

	private final ScheduledThreadPoolExecutor executor;

	private final ConnectionEvents events;

	private final Watchdog watchdog;

	private final Checks checks = new Checks(this);

	private final AtomicBoolean closed = new AtomicBoolean();

	private RedisLockBackend(RedisClient client, boolean ownsClient, RedisLockSettings settings) {
		this.client = client;
		this.ownsClient = ownsClient;
		this.settings = settings;
		this.channelPrefix = LockKeys.channel(settings.prefix(), "");
		this.watchdogMillis = Long.toString(settings.watchdogTimeout().toMillis());
		this.executor = createExecutor();
		this.connection = client.connect(StringCodec.UTF8);
		try {
			this.connection.sync().clientSetname(clientName());
			this.scripts = new LockScripts(this.connection.sync(), this.connection.async());
			this.pubSub = client.connectPubSub(StringCodec.UTF8);
			this.pubSub.sync().clientSetname(clientName());
			this.pubSub.addListener(new Messages(this));
			this.pubSub.sync().subscribe(LockKeys.channel(settings.prefix(), this.process));
		}
		catch (RuntimeException ex) {
			this.connection.close();
			this.executor.shutdownNow();
			throw ex;
		}
		this.events = new ConnectionEvents(this, this.connection, this.pubSub);
		client.addListener(this.events);
		this.watchdog = new Watchdog(this);
		this.watchdog.start();
	}

	/**
	 * A backend on {@code client}, which the caller keeps and closes after this backend. Opens two
	 * connections: one for commands, one subscribed to this instance's channel.
	 */
	public static RedisLockBackend create(RedisClient client, RedisLockSettings settings) {
		return new RedisLockBackend(Objects.requireNonNull(client, "client"), false,
				Objects.requireNonNull(settings, "settings"));
	}

	/** A backend on a client of its own for {@code uri} (for example {@code redis://host:6379}). */
	public static RedisLockBackend connect(String uri, RedisLockSettings settings) {
		RedisClient client = RedisClient.create(uri);
		try {
			return new RedisLockBackend(client, true, Objects.requireNonNull(settings, "settings"));
		}
		catch (RuntimeException ex) {
			client.shutdown();
			throw ex;
		}
	}

	@Override
	public String name() {
		return NAME;
	}

	/** The settings. */
	public RedisLockSettings settings() {
		return this.settings;
	}

	@Override
	public KeyQueue queue(String key) {
		return this.queues.get(Objects.requireNonNull(key, "key"));
	}

	@Override
	public List<LockState> states() {
		List<LockState> states = new ArrayList<>();
		for (RedisKeyQueue queue : this.queues.alive()) {
			states.add(queue.state());
		}
		return states;
	}

	@Override
	public int releaseTagged(String tag) {
		int count = 0;
		for (String key : this.connection.sync().smembers(LockKeys.tagIndex(this.settings.prefix(), tag))) {
			RedisKeyQueue queue = this.queues.get(key);
			List<Object> taken = this.scripts.call(Op.TAGGED, queue.keys().keys, this.channelPrefix, this.watchdogMillis,
					tag);
			for (Object id : taken) {
				if (this.live.get(String.valueOf(id)) instanceof RedisGrant grant) {
					grant.markLost();
				}
			}
			count += taken.size();
		}
		return count;
	}

	@Override
	public void averageAdd(String key, double value) {
		this.scripts.call(Op.AVG_ADD, new String[] { LockKeys.average(this.settings.prefix(), key) },
				Double.toString(value));
	}

	@Override
	public OptionalDouble averageGet(String key) {
		List<String> values = this.connection.sync()
			.hmget(LockKeys.average(this.settings.prefix(), key), "sum", "n")
			.stream()
			.map((kv) -> kv.getValueOrElse(null))
			.toList();
		return average(values.get(0), values.get(1));
	}

	@Override
	public OptionalDouble averagePop(String key) {
		List<Object> values = this.scripts.call(Op.AVG_POP, new String[] { LockKeys.average(this.settings.prefix(), key) });
		return values.isEmpty() ? OptionalDouble.empty()
				: average(String.valueOf(values.get(0)), String.valueOf(values.get(1)));
	}

	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.watchdog.stop();
		this.client.removeListener(this.events);
		for (Object value : new ArrayList<>(this.live.values())) {
			try {
				if (value instanceof RedisRequest request) {
					request.completeExceptionally(new LockException(request.queue.key(),
							"Lock backend closed while waiting for lock '" + request.queue.key() + "'"));
				}
				else if (value instanceof RedisGrant grant) {
					grant.release();
					grant.markLost();
				}
			}
			catch (RuntimeException ex) {
				log.debug("Could not end {} on close: {}", value, ex.toString());
			}
		}
		this.executor.shutdownNow();
		this.pubSub.close();
		this.connection.close();
		if (this.ownsClient) {
			this.client.shutdown();
		}
	}

	// ---- package-private plumbing for the queue, grants, watchdog and message handling ----

	/** The client name of this instance's connections: {@code fleche-lock-<process id>}. */
	String clientName() {
		return "fleche-lock-" + this.process;
	}

	/** Names a reconnected connection again; the client does not keep the name across reconnects. */
	void renameAfterReconnect(Object connection) {
		if (connection == this.connection) {
			this.connection.async().clientSetname(clientName());
		}
		else if (connection == this.pubSub) {
			this.pubSub.async().clientSetname(clientName());
		}
	}

	Checks checks() {
		return this.checks;
	}

	Watchdog watchdog() {
		return this.watchdog;
	}

	LockScripts scripts() {
		return this.scripts;
	}

	String process() {
		return this.process;
	}

	String channelPrefix() {
		return this.channelPrefix;
	}

	String watchdogMillis() {
		return this.watchdogMillis;
	}

	Duration watchdogTimeout() {
		return this.settings.watchdogTimeout();
	}

	long safetyRecheckMillis() {
		return Math.min(SAFETY_RECHECK_MILLIS, this.settings.watchdogTimeout().toMillis());
	}

	Logger log() {
		return log;
	}

	ScheduledThreadPoolExecutor executor() {
		return this.executor;
	}

	StatefulRedisConnection<String, String> connection() {
		return this.connection;
	}

	ConcurrentHashMap<String, Object> live() {
		return this.live;
	}

	boolean isClosed() {
		return this.closed.get();
	}

	String nextRequestId() {
		return this.process + ":" + this.requestIds.incrementAndGet();
	}

	void track(String id, Object requestOrGrant) {
		this.live.put(id, requestOrGrant);
	}

	void forget(String id, Object requestOrGrant) {
		this.live.remove(id, requestOrGrant);
	}

	/** Records tagged lock keys in the tag's index, before the script that may grant them. */
	void indexTags(String key, Set<String> tags) {
		for (String tag : tags) {
			this.connection.async().sadd(LockKeys.tagIndex(this.settings.prefix(), tag), key);
		}
	}

	private static OptionalDouble average(@Nullable String sum, @Nullable String count) {
		if (sum == null || count == null) {
			return OptionalDouble.empty();
		}
		return OptionalDouble.of(Double.parseDouble(sum) / Long.parseLong(count));
	}

	private static ScheduledThreadPoolExecutor createExecutor() {
		AtomicInteger threads = new AtomicInteger();
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2, (task) -> {
			Thread thread = new Thread(task, "fleche-redis-lock-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		executor.setRemoveOnCancelPolicy(true);
		return executor;
	}

	@Override
	public String toString() {
		return "RedisLockBackend[" + this.settings.prefix() + ", process " + this.process + "]";
	}

}
