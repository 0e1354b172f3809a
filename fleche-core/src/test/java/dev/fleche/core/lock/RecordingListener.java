package dev.fleche.core.lock;

import java.util.List;

/**
 * Records lock events by name, with the contended flag of acquisitions.
 *
 * @param events where the names go
 */
record RecordingListener(List<String> events) implements LockListener {

	@Override
	public void waiting(String key, LockMode mode) {
		this.events.add("waiting");
	}

	@Override
	public void acquired(String key, LockMode mode, long token, long waitNanos, boolean contended) {
		this.events.add("acquired:" + contended);
	}

	@Override
	public void released(String key, LockMode mode, long heldNanos) {
		this.events.add("released");
	}

	@Override
	public void timedOut(String key, LockMode mode, long waitNanos) {
		this.events.add("timedOut");
	}

	@Override
	public void leaseLost(String key, long token) {
		this.events.add("leaseLost");
	}

}
