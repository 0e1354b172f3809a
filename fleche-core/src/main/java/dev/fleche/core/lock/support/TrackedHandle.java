package dev.fleche.core.lock.support;

import dev.fleche.core.lock.spi.Grant;

/**
 * A synchronous mode grant recorded in {@link ThreadHolds} for the thread that acquired it, until
 * it is released or closed (from any thread).
 */
final class TrackedHandle extends GrantHandle {

	private final ThreadHolds holds;

	TrackedHandle(Grant grant, Listeners listeners, boolean losable, ThreadHolds holds) {
		super(grant, listeners, null, null, losable);
		this.holds = holds;
		holds.add(grant.key(), grant.owner().threadId(), grant.mode().name());
	}

	@Override
	void ended() {
		this.holds.remove(key(), owner().threadId(), mode().name());
	}

}
