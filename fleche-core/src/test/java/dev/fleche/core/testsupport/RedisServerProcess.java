package dev.fleche.core.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * One {@code redis-server} process started by a test, on 127.0.0.1 and a free port, without
 * persistence (no RDB, no AOF), so a {@link #restart()} comes back empty like a crashed server.
 * The binary comes from {@link RedisBinary}. Failing to start is an error naming the cause, never
 * a skipped test.
 */
public final class RedisServerProcess implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

	private final Path binary;

	private final int port;

	private final Path log;

	private @Nullable Process process;

	private RedisServerProcess(Path binary, int port, Path log) {
		this.binary = binary;
		this.port = port;
		this.log = log;
	}

	/** Starts a new server on a free port; the caller stops it. */
	public static RedisServerProcess start() {
		Path binary = RedisBinary.path();
		IllegalStateException last = null;
		for (int attempt = 0; attempt < 3; attempt++) {
			int port = freePort();
			try {
				Path log = Files.createTempFile("fleche-redis-" + port + "-", ".log");
				RedisServerProcess server = new RedisServerProcess(binary, port, log);
				server.launch();
				return server;
			}
			catch (IOException ex) {
				throw new IllegalStateException("Cannot create the Redis log file: " + ex, ex);
			}
			catch (IllegalStateException ex) {
				last = ex;
			}
		}
		throw last;
	}

	/** The port it listens on. */
	public int port() {
		return this.port;
	}

	/** The host it listens on. */
	public String host() {
		return "127.0.0.1";
	}

	/** A {@code redis://} URI of this server. */
	public String uri() {
		return "redis://" + host() + ":" + this.port;
	}

	/** Whether the process is running. */
	public synchronized boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	/**
	 * Kills the server (SIGKILL, nothing saved) and starts it again, empty, on the same port.
	 */
	public synchronized void restart() {
		kill();
		launch();
	}

	/** Kills the server at once (SIGKILL). */
	public synchronized void kill() {
		Process running = this.process;
		if (running != null) {
			running.destroyForcibly();
			try {
				running.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.process = null;
		}
	}

	/** Starts a killed server again, empty, on the same port. */
	public synchronized void resume() {
		if (!isRunning()) {
			launch();
		}
	}

	/** Sends a command in the inline protocol and returns the first line of the reply. */
	public String command(String... words) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host(), this.port), 2000);
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write(encode(words));
			out.flush();
			return readLine(socket.getInputStream());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Redis on port " + this.port + " did not answer " + List.of(words) + ": "
					+ ex, ex);
		}
	}

	/**
	 * Kills the client connections whose name ({@code CLIENT SETNAME}) is {@code name}.
	 * @return how many were killed
	 */
	public int killClientsNamed(String name) {
		int killed = 0;
		for (String line : bulk("CLIENT", "LIST").split("\n")) {
			String addr = null;
			boolean match = false;
			for (String field : line.trim().split(" ")) {
				if (field.startsWith("addr=")) {
					addr = field.substring(5);
				}
				if (field.equals("name=" + name)) {
					match = true;
				}
			}
			if (match && addr != null) {
				String reply = command("CLIENT", "KILL", "ADDR", addr);
				if (!reply.equals("+OK") && !reply.equals(":1")) {
					throw new IllegalStateException("CLIENT KILL ADDR " + addr + " answered " + reply);
				}
				killed++;
			}
		}
		return killed;
	}

	/** Sends a command whose reply is a bulk string and returns that string. */
	public String bulk(String... words) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host(), this.port), 2000);
			socket.setSoTimeout(5000);
			socket.getOutputStream().write(encode(words));
			socket.getOutputStream().flush();
			InputStream in = socket.getInputStream();
			String header = readLine(in);
			if (!header.startsWith("$")) {
				throw new IllegalStateException("Expected a bulk reply to " + List.of(words) + ", got " + header);
			}
			byte[] body = in.readNBytes(Integer.parseInt(header.substring(1)));
			return new String(body, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Redis on port " + this.port + " did not answer " + List.of(words) + ": "
					+ ex, ex);
		}
	}

	private static byte[] encode(String... words) {
		StringBuilder request = new StringBuilder("*").append(words.length).append("\r\n");
		for (String word : words) {
			byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
			request.append('$').append(bytes.length).append("\r\n").append(word).append("\r\n");
		}
		return request.toString().getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public synchronized void close() {
		kill();
	}

	private synchronized void launch() {
		ProcessBuilder builder = new ProcessBuilder(this.binary.toString(), "--port", Integer.toString(this.port),
				"--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no", "--daemonize", "no",
				"--databases", "1");
		builder.redirectErrorStream(true);
		builder.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()));
		try {
			this.process = builder.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start " + this.binary + ": " + ex, ex);
		}
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("redis-server exited with " + this.process.exitValue() + " on port "
						+ this.port + "; its log:\n" + readLog());
			}
			if (answersPing()) {
				return;
			}
			sleep(20);
		}
		kill();
		throw new IllegalStateException("redis-server did not answer PING on port " + this.port + " within "
				+ START_TIMEOUT + "; its log:\n" + readLog());
	}

	private boolean answersPing() {
		try {
			return "+PONG".equals(command("PING"));
		}
		catch (IllegalStateException ex) {
			return false;
		}
	}

	private String readLog() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			return "(unreadable: " + ex + ")";
		}
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int c;
		while ((c = in.read()) != -1 && c != '\n') {
			if (c != '\r') {
				line.append((char) c);
			}
		}
		return line.toString();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("No free port: " + ex, ex);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while starting redis-server", ex);
		}
	}

	@Override
	public String toString() {
		return "RedisServerProcess[" + uri() + "]";
	}

}
