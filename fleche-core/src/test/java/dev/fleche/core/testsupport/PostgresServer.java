package dev.fleche.core.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL server for the tests, from the binaries of {@link PostgresBinaries}, in a
 * temporary directory on a free port of 127.0.0.1, with trust authentication for user
 * {@code postgres}. PostgreSQL refuses to run as root, so when the tests run as root (as in CI)
 * {@code initdb} and the server run as user {@code nobody} through {@code setpriv}; otherwise as
 * the current user. A missing binary or a server that does not start fails loudly.
 * <p>
 * {@link #shared()} is the one server of this test JVM, started on first use and stopped by a
 * shutdown hook; {@link #start()} starts a separate one for tests that restart or stop it.
 */
public final class PostgresServer implements AutoCloseable {

	/** The database user. */
	public static final String USER = "postgres";

	private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

	private static PostgresServer shared;

	private final Path home;

	private final Path data;

	private final int port;

	private Process process;

	private PostgresServer(Path home, int port) {
		this.home = home;
		this.data = home.resolve("data");
		this.port = port;
	}

	/** The server of this test JVM, started on first use and stopped when the JVM exits. */
	public static synchronized PostgresServer shared() {
		if (shared == null) {
			PostgresServer server = start();
			Runtime.getRuntime().addShutdownHook(new Thread(server::close, "postgres-test-server-stop"));
			shared = server;
		}
		return shared;
	}

	/** Starts a new server; the caller closes it. */
	public static PostgresServer start() {
		Path binaries = PostgresBinaries.directory();
		try {
			Path home = Files.createTempDirectory("fleche-pg-");
			Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
			if (ROOT) {
				chownToNobody(home);
			}
			PostgresServer server = new PostgresServer(home, freePort());
			server.initdb(binaries);
			server.launch(binaries);
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the PostgreSQL test server", ex);
		}
	}

	/** The JDBC URL of database {@code postgres}. */
	public String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/postgres";
	}

	/** The port. */
	public int port() {
		return this.port;
	}

	/** A data source on database {@code postgres}. */
	public PGSimpleDataSource dataSource() {
		PGSimpleDataSource source = new PGSimpleDataSource();
		source.setUrl(jdbcUrl());
		source.setUser(USER);
		return source;
	}

	/** A small connection pool on database {@code postgres}; the caller closes it. */
	public com.zaxxer.hikari.HikariDataSource pool(int size) {
		com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
		config.setJdbcUrl(jdbcUrl());
		config.setUsername(USER);
		config.setMaximumPoolSize(size);
		config.setMinimumIdle(1);
		config.setConnectionTimeout(10_000);
		return new com.zaxxer.hikari.HikariDataSource(config);
	}

	/** Opens new physical connections, for the connections a backend keeps to itself. */
	public dev.fleche.core.postgres.ConnectionFactory connections() {
		return dev.fleche.core.postgres.ConnectionFactory.of(jdbcUrl(), USER, null);
	}

	/** A new connection, auto-commit on. */
	public Connection connect() throws SQLException {
		return DriverManager.getConnection(jdbcUrl(), USER, "");
	}

	/**
	 * Terminates the server backends whose {@code application_name} is {@code applicationName}.
	 * @return how many were terminated
	 */
	public int terminateBackends(String applicationName) {
		try (Connection connection = connect();
				var statement = connection.prepareStatement("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
						+ " WHERE application_name = ? AND pid <> pg_backend_pid()")) {
			statement.setString(1, applicationName);
			try (var result = statement.executeQuery()) {
				result.next();
				return result.getInt(1);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not terminate backends of " + applicationName, ex);
		}
	}

	/** Terminates the server backend with process id {@code pid}; whether it existed. */
	public boolean terminateBackend(int pid) {
		try (Connection connection = connect();
				var statement = connection.prepareStatement("SELECT pg_terminate_backend(?)")) {
			statement.setInt(1, pid);
			try (var result = statement.executeQuery()) {
				result.next();
				return result.getBoolean(1);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not terminate backend " + pid, ex);
		}
	}

	/** Stops the server (fast shutdown) and starts it again on the same port and data. */
	public synchronized void restart() {
		stop();
		launch(PostgresBinaries.directory());
	}

	/** Stops the server (fast shutdown: sessions are disconnected). */
	public synchronized void stop() {
		Process running = this.process;
		if (running == null || !running.isAlive()) {
			return;
		}
		try {
			new ProcessBuilder("kill", "-INT", Long.toString(running.pid())).inheritIO().start().waitFor();
			if (!running.waitFor(30, TimeUnit.SECONDS)) {
				running.destroyForcibly().waitFor();
			}
		}
		catch (IOException ex) {
			running.destroyForcibly();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			running.destroyForcibly();
		}
		this.process = null;
	}

	@Override
	public synchronized void close() {
		stop();
		try (Stream<Path> files = Files.walk(this.home)) {
			files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// left in the temporary directory
		}
	}

	private void initdb(Path binaries) {
		List<String> command = List.of(binaries.resolve("bin/initdb").toString(), "-D", this.data.toString(), "-U",
				USER, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync", "--no-instructions");
		Process initdb = run(command, this.home.resolve("initdb.log"));
		try {
			if (!initdb.waitFor(120, TimeUnit.SECONDS) || initdb.exitValue() != 0) {
				initdb.destroyForcibly();
				throw new IllegalStateException("initdb failed: " + log("initdb.log"));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted in initdb", ex);
		}
	}

	private void launch(Path binaries) {
		List<String> command = List.of(binaries.resolve("bin/postgres").toString(), "-D", this.data.toString(), "-p",
				Integer.toString(this.port), "-k", this.home.toString(), "-c", "listen_addresses=127.0.0.1", "-c",
				"fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=300",
				"-c", "shared_buffers=32MB");
		this.process = run(command, this.home.resolve("server.log"));
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		SQLException last = null;
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("The PostgreSQL test server exited: " + log("server.log"));
			}
			try (Connection connection = connect(); Statement statement = connection.createStatement()) {
				statement.execute("SELECT 1");
				return;
			}
			catch (SQLException ex) {
				last = ex;
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		this.process.destroyForcibly();
		throw new IllegalStateException("The PostgreSQL test server did not accept connections: " + log("server.log"),
				last);
	}

	private Process run(List<String> command, Path logFile) {
		List<String> full = new ArrayList<>();
		if (ROOT) {
			full.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
		}
		full.addAll(command);
		try {
			ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
			builder.environment().put("LC_ALL", "C");
			return builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run " + full, ex);
		}
	}

	private String log(String name) {
		try {
			return Files.readString(this.home.resolve(name), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "(no " + name + ")";
		}
	}

	private static void chownToNobody(Path path) throws IOException {
		UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
		UserPrincipal nobody = users.lookupPrincipalByName("nobody");
		Files.setOwner(path, nobody);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Override
	public String toString() {
		return "PostgresServer[" + jdbcUrl() + "]";
	}

}
