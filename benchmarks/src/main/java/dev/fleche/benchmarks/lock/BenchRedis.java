package dev.fleche.benchmarks.lock;

import dev.fleche.core.testsupport.RedisServerProcess;

/**
 * The Redis server of a benchmark: {@code -Dfleche.bench.redis=host:port} if given, else a
 * {@code redis-server} started once per JVM from the binary the tests use (stopped at exit).
 */
final class BenchRedis {

	private static BenchRedis instance;

	private final String host;

	private final int port;

	private BenchRedis(String host, int port) {
		this.host = host;
		this.port = port;
	}

	static synchronized BenchRedis get() {
		if (instance == null) {
			String given = System.getProperty("fleche.bench.redis");
			if (given != null && !given.isBlank()) {
				int colon = given.lastIndexOf(':');
				instance = new BenchRedis(given.substring(0, colon), Integer.parseInt(given.substring(colon + 1)));
			}
			else {
				RedisServerProcess server = RedisServerProcess.start();
				Runtime.getRuntime().addShutdownHook(new Thread(server::close));
				instance = new BenchRedis(server.host(), server.port());
			}
		}
		return instance;
	}

	String host() {
		return this.host;
	}

	int port() {
		return this.port;
	}

}
