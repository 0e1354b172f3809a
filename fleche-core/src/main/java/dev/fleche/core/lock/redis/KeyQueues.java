package dev.fleche.core.lock.redis;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The key queues of one backend instance, held weakly: a queue lives while a primitive, a grant
 * or a waiter references it, so idle keys cost no memory here (their state is on the server).
 */
final class KeyQueues {

	private final RedisLockBackend backend;

	private final ConcurrentHashMap<String, QueueRef> queues = new ConcurrentHashMap<>();

	private final ReferenceQueue<RedisKeyQueue> collected = new ReferenceQueue<>();

	KeyQueues(RedisLockBackend backend) {
		this.backend = backend;
	}

	/** The queues still referenced. */
	List<RedisKeyQueue> alive() {
		purgeCollected();
		List<RedisKeyQueue> alive = new ArrayList<>();
		for (QueueRef ref : this.queues.values()) {
			RedisKeyQueue queue = ref.get();
			if (queue != null) {
				alive.add(queue);
			}
		}
		return alive;
	}

	RedisKeyQueue get(String key) {
		QueueRef ref = this.queues.get(key);
		RedisKeyQueue queue = (ref != null) ? ref.get() : null;
		if (queue != null) {
			return queue;
		}
		purgeCollected();
		RedisKeyQueue[] created = new RedisKeyQueue[1];
		this.queues.compute(key, (k, existing) -> {
			RedisKeyQueue alive = (existing != null) ? existing.get() : null;
			if (alive != null) {
				created[0] = alive;
				return existing;
			}
			created[0] = new RedisKeyQueue(k, this.backend, LockKeys.of(this.backend.settings().prefix(), k));
			return new QueueRef(k, created[0], this.collected);
		});
		return created[0];
	}

	private void purgeCollected() {
		QueueRef ref;
		while ((ref = (QueueRef) this.collected.poll()) != null) {
			this.queues.remove(ref.key, ref);
		}
	}

	/** A weak reference to a key's queue that remembers the key. */
	private static final class QueueRef extends WeakReference<RedisKeyQueue> {

		final String key;

		QueueRef(String key, RedisKeyQueue queue, ReferenceQueue<RedisKeyQueue> collected) {
			super(queue, collected);
			this.key = key;
		}

	}

}
