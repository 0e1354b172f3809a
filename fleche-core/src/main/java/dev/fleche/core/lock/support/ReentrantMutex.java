package dev.fleche.core.lock.support;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.lock.LeaseLostException;
import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.NotOwnerException;
import dev.fleche.core.lock.RLock;
import dev.fleche.core.lock.spi.Grant;
import dev.fleche.core.lock.spi.KeyQueue;
import dev.fleche.core.lock.spi.Owner;

/**
 * A re-entrant mutex: one backend grant per owner, the nesting counted in this JVM.
 */
final class ReentrantMutex extends ExclusiveAcquirable implements RLock {

	ReentrantMutex(KeyQueue queue, LockOptions options, Listeners listeners, HandleRegistry registry) {
		super("rlock", queue, options, listeners, registry);
	}

	@Override
	@Nullable LockHandle reenter() {
		ReentrantHandle grant = current();
		return (grant != null) ? grant.enter() : null;
	}

	@Override
	LockHandle adopt(Grant grant) {
		ReentrantHandle handle = new ReentrantHandle(grant, this.listeners, this.registry, this.slot, losable());
		register(handle);
		LockHandle hold = handle.enter();
		if (hold == null) {
			return handle;
		}
		return hold;
	}

	@Override
	LockHandle adoptAsync(Grant grant) {
		ReentrantHandle handle = new ReentrantHandle(grant, this.listeners, null, null, losable());
		LockHandle hold = handle.enter();
		return (hold != null) ? hold : handle;
	}

	@Override
	public LockHandle reenter(LockHandle held) {
		ReentrantHandle grant = (held instanceof ReentryHandle hold) ? hold.grant()
				: (held instanceof ReentrantHandle whole) ? whole : null;
		if (grant == null || !grant.key().equals(key())) {
			throw new NotOwnerException(key(), "Re-entrant lock '" + key() + "' can only be re-entered through a hold of it, not "
					+ held);
		}
		LockHandle hold = grant.enter();
		if (hold == null) {
			throw new LeaseLostException(key(), "Re-entrant lock '" + key() + "' is no longer held by grant #" + grant.token());
		}
		return hold;
	}

	@Override
	public void release() {
		ReentrantHandle grant = current();
		ReentryHandle hold = (grant != null) ? grant.latest() : null;
		if (hold == null) {
			throw new NotOwnerException(key(), "Re-entrant lock '" + key() + "' is not held by " + Owner.current());
		}
		hold.release();
	}

	@Override
	public int holdCount() {
		ReentrantHandle grant = current();
		return (grant != null) ? grant.holdCount() : 0;
	}

	private @Nullable ReentrantHandle current() {
		return (ReentrantHandle) ownedBy(Owner.current());
	}

	@Override
	public String toString() {
		return "RLock[" + key() + "]";
	}

}
