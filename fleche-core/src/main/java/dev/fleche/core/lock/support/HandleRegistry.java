package dev.fleche.core.lock.support;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.lock.spi.Owner;

/**
 * The handles a service's primitives hand out, by slot (primitive kind and key), in grant order:
 * so a release without a handle finds the caller's grant, or a semaphore's oldest. A slot is
 * dropped when its last handle is released, so idle keys cost nothing.
 */
final class HandleRegistry {

	private final ConcurrentHashMap<Object, ConcurrentLinkedDeque<GrantHandle>> slots = new ConcurrentHashMap<>();

	void add(GrantHandle handle) {
		Object slot = handle.slot();
		if (slot == null) {
			return;
		}
		this.slots.compute(slot, (key, handles) -> {
			ConcurrentLinkedDeque<GrantHandle> list = (handles != null) ? handles : new ConcurrentLinkedDeque<>();
			list.addLast(handle);
			return list;
		});
	}

	void remove(GrantHandle handle) {
		Object slot = handle.slot();
		if (slot == null) {
			return;
		}
		this.slots.computeIfPresent(slot, (key, handles) -> {
			handles.remove(handle);
			return handles.isEmpty() ? null : handles;
		});
	}

	/** The oldest handle in {@code slot} granted to {@code owner} and still held. */
	@Nullable GrantHandle owned(Object slot, Owner owner) {
		ConcurrentLinkedDeque<GrantHandle> handles = this.slots.get(slot);
		if (handles != null) {
			for (GrantHandle handle : handles) {
				if (handle.owner().equals(owner) && handle.isHeld()) {
					return handle;
				}
			}
		}
		return null;
	}

	/** The oldest handle in {@code slot} still held. */
	@Nullable GrantHandle oldest(Object slot) {
		ConcurrentLinkedDeque<GrantHandle> handles = this.slots.get(slot);
		if (handles != null) {
			for (GrantHandle handle : handles) {
				if (handle.isHeld()) {
					return handle;
				}
			}
		}
		return null;
	}

	/** Slots that hold handles now. */
	int size() {
		return this.slots.size();
	}

}
