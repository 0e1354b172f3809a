package dev.fleche.core.lock.support;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.spi.KeyQueue;
import dev.fleche.core.lock.spi.Owner;

/**
 * A mutex-mode primitive whose single handle is kept in a registry cell, so its owner can release
 * without the handle. The cell is cached here and fetched again if the registry dropped it.
 */
abstract class ExclusiveAcquirable extends QueueAcquirable {

	final HandleRegistry registry;

	final Slot slot;

	private @Nullable SlotCell cell;

	ExclusiveAcquirable(String kind, KeyQueue queue, LockOptions options, Listeners listeners,
			HandleRegistry registry) {
		super(queue, LockMode.MUTEX, options, listeners);
		this.registry = registry;
		this.slot = new Slot(kind, queue.key(), LockMode.MUTEX.name(), true);
	}

	/** Records {@code handle} as this primitive's current one. */
	final void register(GrantHandle handle) {
		this.cell = this.registry.add(handle, cell());
	}

	/** The handle {@code owner} holds, if any. */
	final @Nullable GrantHandle ownedBy(Owner owner) {
		return HandleRegistry.owned(cell(), owner);
	}

	private SlotCell cell() {
		SlotCell live = this.registry.cell(this.slot, this.cell);
		this.cell = live;
		return live;
	}

}
