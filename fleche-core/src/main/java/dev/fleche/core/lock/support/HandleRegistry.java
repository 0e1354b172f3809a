package dev.fleche.core.lock.support;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.lock.spi.Owner;

/**
 * The handles a service's primitives hand out, by {@link Slot}, in grant order: so a release
 * without a handle finds the caller's grant, or a semaphore's oldest. An exclusive slot keeps its
 * one handle; a shared slot a queue that is dropped when its last handle is released, so idle
 * keys cost nothing.
 */
final class HandleRegistry {

	private final ConcurrentHashMap<Slot, GrantHandle> exclusive = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<Slot, ConcurrentLinkedDeque<GrantHandle>> shared = new ConcurrentHashMap<>();

	void add(GrantHandle handle) {
		Slot slot = handle.slot();
		if (slot == null) {
			return;
		}
		if (slot.exclusive()) {
			this.exclusive.put(slot, handle);
			return;
		}
		this.shared.compute(slot, (key, handles) -> {
			ConcurrentLinkedDeque<GrantHandle> list = (handles != null) ? handles : new ConcurrentLinkedDeque<>();
			list.addLast(handle);
			return list;
		});
	}

	void remove(GrantHandle handle) {
		Slot slot = handle.slot();
		if (slot == null) {
			return;
		}
		if (slot.exclusive()) {
			this.exclusive.remove(slot, handle);
			return;
		}
		this.shared.computeIfPresent(slot, (key, handles) -> {
			handles.remove(handle);
			return handles.isEmpty() ? null : handles;
		});
	}

	/** The oldest handle in {@code slot} granted to {@code owner} and still held. */
	@Nullable GrantHandle owned(Slot slot, Owner owner) {
		if (slot.exclusive()) {
			GrantHandle handle = this.exclusive.get(slot);
			return (handle != null && handle.owner().equals(owner) && handle.isHeld()) ? handle : null;
		}
		ConcurrentLinkedDeque<GrantHandle> handles = this.shared.get(slot);
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
	@Nullable GrantHandle oldest(Slot slot) {
		if (slot.exclusive()) {
			GrantHandle handle = this.exclusive.get(slot);
			return (handle != null && handle.isHeld()) ? handle : null;
		}
		ConcurrentLinkedDeque<GrantHandle> handles = this.shared.get(slot);
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
		return this.exclusive.size() + this.shared.size();
	}

}
