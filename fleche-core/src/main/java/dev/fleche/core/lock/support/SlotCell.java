package dev.fleche.core.lock.support;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import org.jspecify.annotations.Nullable;

/**
 * The one handle of an exclusive {@link Slot}, set and cleared by compare-and-set so the
 * uncontended path touches no map. A cell that stayed empty is swept out of its registry and
 * marked dead; whoever still holds it fetches a live one.
 */
final class SlotCell {

	private static final Object DEAD = new Object();

	private static final VarHandle VALUE;

	static {
		try {
			VALUE = MethodHandles.lookup().findVarHandle(SlotCell.class, "value", Object.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	@SuppressWarnings("unused")
	private volatile @Nullable Object value;

	/** Puts {@code handle} in, replacing any other; false if the cell is dead. */
	boolean put(GrantHandle handle) {
		Object current;
		do {
			current = this.value;
			if (current == DEAD) {
				return false;
			}
		}
		while (!VALUE.compareAndSet(this, current, handle));
		return true;
	}

	/** Takes {@code handle} out if it is the one in the cell. */
	void remove(GrantHandle handle) {
		VALUE.compareAndSet(this, handle, null);
	}

	/** The handle in the cell, if any. */
	@Nullable GrantHandle handle() {
		Object current = this.value;
		return (current instanceof GrantHandle handle) ? handle : null;
	}

	/** Whether the cell was swept out of its registry. */
	boolean dead() {
		return this.value == DEAD;
	}

	/** Marks an empty cell dead; false if it holds a handle or is dead already. */
	boolean kill() {
		return VALUE.compareAndSet(this, null, DEAD);
	}

}
