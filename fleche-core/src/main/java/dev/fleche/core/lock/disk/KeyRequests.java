package dev.fleche.core.lock.disk;

import java.nio.channels.FileLock;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.spi.Grant;
import dev.fleche.core.lock.spi.Owner;

/**
 * How a {@link KeyEngine} queues this JVM's requests and withdraws the ones given up: in the
 * caller's thread when the key's state can be had within a short budget, in the background when
 * another process keeps it locked, so the caller's own timeout applies.
 */
final class KeyRequests {

	private final KeyEngine engine;

	private final KeyFile file;

	private final FifoWalk walk;

	private final LockDirectory directory;

	KeyRequests(KeyEngine engine, KeyFile file, FifoWalk walk, LockDirectory directory) {
		this.engine = engine;
		this.file = file;
		this.walk = walk;
		this.directory = directory;
	}

	/**
	 * Queues a request; the future completes with its grant in FIFO order. If another process
	 * keeps the state locked, the request is queued in the background and the future returned at
	 * once, so the caller's own timeout applies.
	 */
	CompletableFuture<Grant> enqueue(LockMode mode, Owner owner, LockOptions options) {
		CompletableFuture<Grant> future = new CompletableFuture<>();
		try {
			this.engine.attempt(tx -> enqueueIn(tx, mode, owner, options, future), KeyEngine.BUSY_BUDGET_NANOS);
		}
		catch (StateBusyException ex) {
			String key = this.engine.key();
			this.directory.background().execute(() -> {
				try {
					// through the registry: this engine may be closed as idle meanwhile
					this.directory.withEngine(key, engine -> engine.section(tx -> engine.requests().enqueueIn(tx, mode, owner, options, future)));
				}
				catch (RuntimeException failure) {
					future.completeExceptionally(failure);
				}
			});
		}
		return future;
	}

	/** Grants or queues a request completing {@code future}, unless the caller gave up already. */
	@Nullable Void enqueueIn(StateTx tx, LockMode mode, Owner owner, LockOptions options,
			CompletableFuture<Grant> future) {
		if (future.isDone()) {
			return null;
		}
		if (this.walk.grantableNow(tx, mode)) {
			Grant grant = this.walk.grantNew(tx, mode, owner, options);
			tx.after(() -> {
				if (!future.complete(grant)) {
					grant.release();
				}
			});
			return null;
		}
		long ticket = tx.state.nextTicket();
		FileLock waitLock = this.file.lockOwn(KeyFile.waitRegion(ticket));
		FileLock holdLock = this.file.lockOwn(KeyFile.holdRegion(ticket));
		tx.state.add(new QueueEntry(ticket, Owner.currentPid(), this.directory.session(), owner.threadId(),
				mode.name(), 0, 0, options.tags()));
		DiskRequest request = new DiskRequest(ticket, mode, owner, options, waitLock, holdLock, future);
		this.engine.waiting.put(ticket, request);
		tx.after(() -> future.whenComplete((grant, failure) -> {
			if (failure != null) {
				withdraw(request);
			}
		}));
		return null;
	}

	/**
	 * Takes a cancelled or timed-out request out of the queue, letting those behind it through;
	 * in the background if another process keeps the state locked.
	 */
	private void withdraw(DiskRequest request) {
		if (this.engine.isClosed()) {
			return;
		}
		Function<StateTx, Void> withdrawal = tx -> {
			this.walk.withdraw(tx, request);
			return null;
		};
		try {
			this.engine.attempt(withdrawal, KeyEngine.BUSY_BUDGET_NANOS);
		}
		catch (StateBusyException ex) {
			this.directory.background().execute(() -> {
				try {
					this.engine.section(withdrawal);
				}
				catch (EvictedException evicted) {
					// the file was closed, and the request with it
				}
			});
		}
	}

}
