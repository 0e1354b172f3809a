package dev.fleche.core.lock.redis;

import java.net.SocketAddress;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;

/**
 * Follows this backend's two connections: when one drops, every grant held is in doubt; when it
 * comes back, grants are confirmed (or found lost) and waiting requests re-checked, since grant
 * messages may have been missed meanwhile.
 */
final class ConnectionEvents implements RedisConnectionStateListener {

	private final RedisLockBackend backend;

	private final Object commands;

	private final Object pubSub;

	ConnectionEvents(RedisLockBackend backend, Object commands, Object pubSub) {
		this.backend = backend;
		this.commands = commands;
		this.pubSub = pubSub;
	}

	@Override
	public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
		if (!ours(connection) || this.backend.isClosed()) {
			return;
		}
		for (Object value : this.backend.live().values()) {
			if (value instanceof RedisGrant grant) {
				grant.markInDoubt();
			}
		}
	}

	@Override
	public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
		if (!ours(connection) || this.backend.isClosed()) {
			return;
		}
		this.backend.renameAfterReconnect(connection);
		try {
			this.backend.executor().execute(this::reconcile);
		}
		catch (RuntimeException ex) {
			this.backend.log().debug("Could not reconcile after reconnect: {}", ex.toString());
		}
	}

	private void reconcile() {
		for (Object value : this.backend.live().values()) {
			if (value instanceof RedisGrant grant && grant.held()) {
				this.backend.checks().check(grant);
			}
			else if (value instanceof RedisRequest request) {
				this.backend.checks().recheck(request);
			}
		}
	}

	private boolean ours(RedisChannelHandler<?, ?> connection) {
		return connection == this.commands || connection == this.pubSub;
	}

}
