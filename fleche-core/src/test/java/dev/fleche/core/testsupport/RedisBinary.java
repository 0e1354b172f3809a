package dev.fleche.core.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Finds a {@code redis-server} binary for the tests: the system property
 * {@code fleche.test.redis-server} if set, else the binary shipped in the
 * {@code com.github.codemonstur:embedded-redis} test dependency for this OS and architecture
 * (copied once to a temporary file), else {@code redis-server} on the {@code PATH}. None of them is
 * an error that says what to install.
 */
public final class RedisBinary {

	private static @Nullable Path found;

	private RedisBinary() {
	}

	/** The binary, found once per JVM. */
	public static synchronized Path path() {
		if (found == null) {
			found = find();
		}
		return found;
	}

	private static Path find() {
		String configured = System.getProperty("fleche.test.redis-server");
		if (configured != null && !configured.isBlank()) {
			Path path = Path.of(configured);
			if (!Files.isExecutable(path)) {
				throw new IllegalStateException("fleche.test.redis-server=" + configured + " is not an executable file");
			}
			return path;
		}
		String resource = embeddedResource();
		if (resource != null) {
			Path extracted = extract(resource);
			if (extracted != null) {
				return extracted;
			}
		}
		for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
			Path candidate = Path.of(dir, "redis-server");
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		throw new IllegalStateException("No redis-server binary for the tests: the test dependency "
				+ "com.github.codemonstur:embedded-redis ships none for " + System.getProperty("os.name") + "/"
				+ System.getProperty("os.arch") + " and none is on the PATH. Install Debian's redis-server "
				+ "(apt-get install redis-server) or set -Dfleche.test.redis-server=/path/to/redis-server");
	}

	private static @Nullable String embeddedResource() {
		String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
		String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
		if (!os.contains("linux")) {
			if (os.contains("mac")) {
				return arch.contains("aarch64") || arch.contains("arm") ? "redis-server-6.2.6-v5-darwin-arm64"
						: "redis-server-6.2.6-v5-darwin-amd64";
			}
			return null;
		}
		if (arch.equals("amd64") || arch.equals("x86_64")) {
			return "redis-server-6.2.6-v5-linux-amd64";
		}
		if (arch.equals("aarch64") || arch.equals("arm64")) {
			return "redis-server-6.2.7-linux-arm64";
		}
		return null;
	}

	private static @Nullable Path extract(String resource) {
		try (InputStream in = RedisBinary.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				return null;
			}
			Path target = Files.createTempFile("fleche-redis-server-", "");
			Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
			if (!target.toFile().setExecutable(true, true)) {
				throw new IllegalStateException("Cannot make " + target + " executable");
			}
			target.toFile().deleteOnExit();
			return target;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot copy the embedded redis-server binary " + resource + ": " + ex, ex);
		}
	}

}
