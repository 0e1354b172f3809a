package dev.fleche.core.lock.local;

import java.util.ArrayList;

import org.jspecify.annotations.Nullable;

/**
 * Actions collected under a queue's lock and run after it is released: completing futures, whose
 * callbacks must never run under the lock. Created only when there is something to do.
 */
final class AfterUnlock {

	private final ArrayList<Runnable> actions = new ArrayList<>(2);

	private AfterUnlock() {
	}

	/** {@code after} plus {@code action}; creates the list if {@code after} is {@code null}. */
	static AfterUnlock add(@Nullable AfterUnlock after, Runnable action) {
		AfterUnlock result = (after != null) ? after : new AfterUnlock();
		result.actions.add(action);
		return result;
	}

	/** Runs the actions, if any. */
	static void run(@Nullable AfterUnlock after) {
		if (after != null) {
			after.actions.forEach(Runnable::run);
		}
	}

}
