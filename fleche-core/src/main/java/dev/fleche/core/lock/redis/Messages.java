package dev.fleche.core.lock.redis;

import io.lettuce.core.pubsub.RedisPubSubAdapter;

/**
 * Messages the scripts publish on this instance's channel, handled on the backend's executor
 * (never on the client's event loop, which the handlers' own commands need):
 * {@code g <id> <token> <expires> <since>} granted, {@code l <id>} lost,
 * {@code w <id>} the head request's user-defined mode is to be decided again.
 */
final class Messages extends RedisPubSubAdapter<String, String> {

	private final RedisLockBackend backend;

	Messages(RedisLockBackend backend) {
		this.backend = backend;
	}

	@Override
	public void message(String channel, String message) {
		if (this.backend.isClosed()) {
			return;
		}
		try {
			this.backend.executor().execute(() -> handle(message));
		}
		catch (RuntimeException ex) {
			this.backend.log().debug("Dropped lock message '{}': {}", message, ex.toString());
		}
	}

	private void handle(String message) {
		String[] parts = message.split(" ");
		if (parts.length < 2) {
			return;
		}
		Object target = this.backend.live().get(parts[1]);
		try {
			switch (parts[0]) {
				case "g" -> {
					if (target instanceof RedisRequest request && parts.length >= 4) {
						request.queue.granted(request, Long.parseLong(parts[2]), Long.parseLong(parts[3]));
					}
				}
				case "l" -> {
					if (target instanceof RedisGrant grant) {
						grant.markLost();
					}
				}
				case "w" -> {
					if (target instanceof RedisRequest request) {
						this.backend.checks().recheck(request);
					}
				}
				default -> this.backend.log().debug("Unknown lock message '{}'", message);
			}
		}
		catch (RuntimeException ex) {
			this.backend.log().warn("Handling lock message '{}' failed: {}", message, ex.toString());
			if (target instanceof RedisRequest request) {
				this.backend.checks().scheduleRecheck(request, this.backend.safetyRecheckMillis());
			}
		}
	}

}
