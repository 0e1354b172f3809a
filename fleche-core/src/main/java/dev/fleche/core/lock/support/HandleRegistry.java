package dev.fleche.core.lock.support;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.lock.spi.Owner;

/**
 * The handles a service's primitives hand out, by {@link Slot}, in grant order: so a release
 * without a handle finds the caller's grant, or a semaphore's oldest. An exclusive slot keeps its
 * one handle in a {@link SlotCell} that its primitives cache, so the uncontended path touches no
 * map; empty cells are swept out when the map has doubled since the last sweep, so idle keys cost
 * next to nothing. A shared slot keeps a queue that is dropped when its last handle is released.
 */
final class HandleRegistry {

	private static final int MIN_SWEEP = 64;

	private final ConcurrentHashMap<Slot, SlotCell> exclusive = new ConcurrentHashMap<>();

	private volatile int sweepAt = MIN_SWEEP;

	private final ConcurrentHashMap<Slot, ConcurrentLinkedDeque<GrantHandle>> shared = new ConcurrentHashMap<>();

	/** The live cell of exclusive {@code slot}: {@code cached} unless it was swept out. */
	SlotCell cell(Slot slot, @Nullable SlotCell cached) {
		if (cached != null && !cached.dead()) {
			return cached;
		}
		SlotCell cell = this.exclusive.get(slot);
		if (cell != null && !cell.dead()) {
			return cell;
		}
		if (this.exclusive.size() >= this.sweepAt) {
			sweep();
		}
		return this.exclusive.compute(slot, (key, existing) -> (existing != null && !existing.dead()) ? existing
				: new SlotCell());
	}

	/**
	 * Puts the handle of an exclusive slot in {@code cell}, or in a live cell of its slot if that
	 * one was swept out; returns the cell it went to.
	 */
	SlotCell add(GrantHandle handle, SlotCell cell) {
		SlotCell target = cell;
		while (true) {
			handle.inCell(target);
			if (target.put(handle)) {
				return target;
			}
			target = cell(Objects.requireNonNull(handle.slot(), "slot"), target);
		}
	}

	void add(GrantHandle handle) {
		Slot slot = handle.slot();
		if (slot == null) {
			return;
		}
		if (slot.exclusive()) {
			add(handle, cell(slot, null));
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
			SlotCell cell = handle.cell();
			if (cell != null) {
				cell.remove(handle);
			}
			return;
		}
		this.shared.computeIfPresent(slot, (key, handles) -> {
			handles.remove(handle);
			return handles.isEmpty() ? null : handles;
		});
	}

	/** The handle in an exclusive slot's cell if granted to {@code owner} and still held. */
	static @Nullable GrantHandle owned(SlotCell cell, Owner owner) {
		GrantHandle handle = cell.handle();
		return (handle != null && handle.owner().equals(owner) && handle.isHeld()) ? handle : null;
	}

	/** The oldest handle in {@code slot} granted to {@code owner} and still held. */
	@Nullable GrantHandle owned(Slot slot, Owner owner) {
		if (slot.exclusive()) {
			SlotCell cell = this.exclusive.get(slot);
			return (cell != null) ? owned(cell, owner) : null;
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
			SlotCell cell = this.exclusive.get(slot);
			GrantHandle handle = (cell != null) ? cell.handle() : null;
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
		int held = 0;
		for (SlotCell cell : this.exclusive.values()) {
			if (cell.handle() != null) {
				held++;
			}
		}
		return held + this.shared.size();
	}

	/** Exclusive slots whose cells are kept, empty or not. */
	int cells() {
		return this.exclusive.size();
	}

	/** Drops empty cells; the next sweep comes when the map has doubled. */
	private void sweep() {
		for (Map.Entry<Slot, SlotCell> entry : this.exclusive.entrySet()) {
			if (entry.getValue().kill()) {
				this.exclusive.remove(entry.getKey(), entry.getValue());
			}
		}
		this.sweepAt = Math.max(MIN_SWEEP, 2 * this.exclusive.size());
	}

}
