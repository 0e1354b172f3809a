package dev.fleche.benchmarks.postgres;

import dev.fleche.core.testsupport.PostgresServer;

/**
 * Starts the tests' PostgreSQL server for a benchmark run and prints its JDBC URL, so every
 * benchmark fork measures on one server: pass it as {@code -jvmArgsAppend -Dfleche.bench.jdbcUrl=<url>}.
 * Runs until killed.
 */
public final class PostgresBenchServer {

	private PostgresBenchServer() {
	}

	/** Starts the server, prints the URL, waits. */
	public static void main(String[] args) throws InterruptedException {
		PostgresServer server = PostgresServer.start();
		Runtime.getRuntime().addShutdownHook(new Thread(server::close));
		System.out.println(server.jdbcUrl());
		System.out.flush();
		Thread.currentThread().join();
	}

}
