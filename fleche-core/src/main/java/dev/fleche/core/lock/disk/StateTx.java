package dev.fleche.core.lock.disk;

import java.nio.channels.FileLock;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One read-modify-write of a key's state under its state lock: the decoded state, the time it
 * was read, and the actions to run once the locks are released (completing futures runs user
 * code, which must never run under the locks).
 */
final class StateTx {

	final QueueState state;

	final long now;

	private @Nullable List<Runnable> after;

	private @Nullable List<FileLock> unlocks;

	StateTx(QueueState state, long now) {
		this.state = state;
		this.now = now;
	}

	/**
	 * Unlocks {@code lock} right after the state lock is released. The state written already
	 * tells why, so a process woken by the unlock finds the state lock free and the state current.
	 */
	void unlockLater(FileLock lock) {
		if (this.unlocks == null) {
			this.unlocks = new ArrayList<>(2);
		}
		this.unlocks.add(lock);
	}

	void runUnlocks() {
		if (this.unlocks != null) {
			for (FileLock lock : this.unlocks) {
				KeyFile.release(lock);
			}
			this.unlocks = null;
		}
	}

	/** Runs {@code action} after the locks are released. */
	void after(Runnable action) {
		if (this.after == null) {
			this.after = new ArrayList<>(2);
		}
		this.after.add(action);
	}

	void runAfter() {
		if (this.after != null) {
			for (Runnable action : this.after) {
				action.run();
			}
		}
	}

}
