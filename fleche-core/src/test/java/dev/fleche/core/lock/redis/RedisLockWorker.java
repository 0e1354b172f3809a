package dev.fleche.core.lock.redis;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import dev.fleche.core.cache.CallCache;
import dev.fleche.core.cache.CallSpec;
import dev.fleche.core.lock.Acquirable;
import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.support.LockServices;
import dev.fleche.core.storage.codec.EntryCodec;
import dev.fleche.core.serial.JacksonSerializer;
import dev.fleche.core.storage.redis.RedisStorage;

/**
 * A worker process for the multi-process Redis tests, playing one host. Arguments: the Redis URI,
 * the key prefix, the watchdog timeout in ms, a command, the worker's id, then the command's own
 * arguments. Shared counters live in Redis under {@code <prefix>test:}; the worker sets
 * {@code <prefix>test:ready:<id>} and waits for {@code <prefix>test:go}.
 */
public final class RedisLockWorker {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final String PEAK = "local v = redis.call('INCR', KEYS[1]) "
			+ "if v > tonumber(redis.call('GET', KEYS[2]) or '0') then redis.call('SET', KEYS[2], v) end return v";

	private final LockService locks;

	private final RedisCommands<String, String> redis;

	private final String test;

	private final String id;

	private RedisLockWorker(LockService locks, RedisCommands<String, String> redis, String prefix, String id) {
		this.locks = locks;
		this.redis = redis;
		this.test = prefix + "test:";
		this.id = id;
	}

	public static void main(String[] args) throws Throwable {
		String uri = args[0];
		String prefix = args[1];
		Duration watchdog = Duration.ofMillis(Long.parseLong(args[2]));
		String command = args[3];
		String id = args[4];
		RedisClient client = RedisClient.create(uri);
		try (StatefulRedisConnection<String, String> connection = client.connect();
				RedisLockBackend backend = RedisLockBackend.create(client,
						RedisLockSettings.defaults().withPrefix(prefix).withWatchdogTimeout(watchdog))) {
			LockService locks = LockServices.create(backend);
			RedisLockWorker worker = new RedisLockWorker(locks, connection.sync(), prefix, id);
			switch (command) {
				case "mutex" -> worker.mutex(Integer.parseInt(args[5]));
				case "semaphore" -> worker.semaphore(Integer.parseInt(args[5]), Integer.parseInt(args[6]));
				case "fifo" -> worker.fifo();
				case "hold" -> worker.hold();
				case "cached" -> worker.cached(client, prefix);
				default -> throw new IllegalArgumentException("Unknown command " + command);
			}
		}
		finally {
			client.shutdown();
		}
		System.exit(0);
	}

	private void mutex(int iterations) throws Exception {
		Acquirable lock = this.locks.lock("counter");
		gate();
		for (int i = 0; i < iterations; i++) {
			try (LockHandle handle = lock.acquire(WAIT)) {
				long value = Long.parseLong(orZero(this.redis.get(this.test + "counter")));
				this.redis.set(this.test + "counter", Long.toString(value + 1));
				this.redis.append(this.test + "sequence", this.id);
			}
		}
	}

	private void semaphore(int iterations, int permits) throws Exception {
		Acquirable semaphore = this.locks.semaphore("semaphore", permits);
		gate();
		for (int i = 0; i < iterations; i++) {
			try (LockHandle handle = semaphore.acquire(WAIT)) {
				this.redis.eval(PEAK, ScriptOutputType.INTEGER, this.test + "inside", this.test + "peak");
				TimeUnit.MICROSECONDS.sleep(300);
				this.redis.decr(this.test + "inside");
				this.redis.incr(this.test + "counter");
			}
		}
	}

	private void fifo() throws Exception {
		try (LockHandle handle = this.locks.lock("fifo").acquire(WAIT)) {
			this.redis.rpush(this.test + "order", this.id);
		}
	}

	private void hold() throws Exception {
		this.locks.lock("hold").acquire(WAIT);
		this.redis.set(this.test + "held", this.id);
		Thread.sleep(Long.MAX_VALUE);
	}

	private void cached(RedisClient client, String prefix) throws Throwable {
		try (StatefulRedisConnection<String, byte[]> storage = client.connect(RedisStorage.CODEC)) {
			CallCache cache = CallCache
				.builder(RedisStorage.values(storage, prefix + "values:", new JacksonSerializer(), EntryCodec.plain(), null),
						RedisStorage.calls(storage, prefix + "calls:", EntryCodec.plain(), null))
				.lockService(this.locks)
				.build();
			gate();
			Object result = cache.call(new CallSpec("report#build", "1", Map.of("month", "2026-11"), String.class), () -> {
				this.redis.incr(this.test + "computed");
				Thread.sleep(300);
				return "report by " + this.id;
			});
			this.redis.rpush(this.test + "results", String.valueOf(result));
		}
	}

	private void gate() throws InterruptedException {
		this.redis.set(this.test + "ready:" + this.id, "1");
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (this.redis.exists(this.test + "go") == 0) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("No go within " + WAIT);
			}
			Thread.sleep(5);
		}
	}

	private static String orZero(String value) {
		return (value != null) ? value : "0";
	}

}
