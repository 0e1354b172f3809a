package dev.fleche.core.lock.disk;

import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.lock.HeldModes;
import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.LockState;
import dev.fleche.core.lock.spi.Grant;
import dev.fleche.core.lock.spi.KeyQueue;
import dev.fleche.core.lock.spi.Owner;

/**
 * A view of one key's cross-process queue.
 */
final class DiskKeyQueue implements KeyQueue {

	private final LockDirectory directory;

	private final String key;

	DiskKeyQueue(LockDirectory directory, String key) {
		this.directory = directory;
		this.key = key;
	}

	@Override
	public String key() {
		return this.key;
	}

	@Override
	public @Nullable Grant tryAcquire(LockMode mode, Owner owner, LockOptions options) {
		return this.directory.withEngine(this.key, engine -> engine.tryAcquire(mode, owner, options));
	}

	@Override
	public CompletableFuture<Grant> enqueue(LockMode mode, Owner owner, LockOptions options) {
		return this.directory.withEngine(this.key, engine -> engine.enqueue(mode, owner, options));
	}

	@Override
	public HeldModes held() {
		return this.directory.withEngine(this.key, KeyEngine::held);
	}

	@Override
	public int queueLength() {
		return this.directory.withEngine(this.key, KeyEngine::queueLength);
	}

	@Override
	public LockState state() {
		return this.directory.withEngine(this.key, KeyEngine::state);
	}

	@Override
	public String toString() {
		return "DiskKeyQueue[" + key() + "]";
	}

}
