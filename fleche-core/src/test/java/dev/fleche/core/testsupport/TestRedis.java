package dev.fleche.core.testsupport;

import org.jspecify.annotations.Nullable;

/**
 * The Redis server shared by the tests of one JVM: started on first use on a free port, stopped
 * by a shutdown hook. Fault tests that restart or kill a server start their own with
 * {@link RedisServerProcess#start()}.
 */
public final class TestRedis {

	private static @Nullable RedisServerProcess shared;

	private TestRedis() {
	}

	/** The shared server, started on first call. */
	public static synchronized RedisServerProcess shared() {
		RedisServerProcess server = shared;
		if (server == null) {
			server = RedisServerProcess.start();
			RedisServerProcess started = server;
			Runtime.getRuntime().addShutdownHook(new Thread(started::close, "fleche-test-redis-stop"));
			shared = server;
		}
		else if (!server.isRunning()) {
			server.resume();
		}
		return server;
	}

	/** A new server for one test, which stops it (try-with-resources). */
	public static RedisServerProcess separate() {
		return RedisServerProcess.start();
	}

}
