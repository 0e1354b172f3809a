package dev.fleche.core.storage.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.storage.StorageException;

/**
 * Moves a damaged database file aside, with its {@code -wal} and {@code -shm} files, to
 * {@code <name>.corrupt-<timestamp>}. Files are renamed, never opened (opening them with Java I/O
 * would drop SQLite's locks).
 */
final class Quarantine {

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

	private static final String[] SIDE_FILES = { "-wal", "-shm", "-journal" };

	private Quarantine() {
	}

	/**
	 * The identity of the file now at {@code file} (device and inode where the filesystem tells),
	 * or null if there is none; read by {@code stat}, without opening it.
	 */
	static @Nullable Object identity(Path file) {
		try {
			BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
			Object key = attributes.fileKey();
			return (key != null) ? key : attributes.creationTime();
		}
		catch (IOException ex) {
			return null;
		}
	}

	/**
	 * Whether {@code file} has content that does not start with SQLite's header: it is not a
	 * database. Reads 16 bytes, so callers must make sure no SQLite connection of this process has
	 * the file open (closing a descriptor of it would drop that connection's locks).
	 */
	static boolean hasForeignHeader(Path file) {
		try {
			if (!Files.isRegularFile(file) || Files.size(file) < HEADER.length) {
				return false;
			}
			byte[] start = new byte[HEADER.length];
			try (InputStream in = Files.newInputStream(file)) {
				if (in.readNBytes(start, 0, start.length) < start.length) {
					return false;
				}
			}
			return !Arrays.equals(start, HEADER);
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Moves {@code file} and its side files aside.
	 * @return where the database file went
	 * @throws StorageException if it cannot be moved
	 */
	static Path moveAside(Path file, Clock clock) {
		String base = file.getFileName() + ".corrupt-" + STAMP.format(clock.instant());
		Path aside = file.resolveSibling(base);
		for (int n = 1; Files.exists(aside); n++) {
			aside = file.resolveSibling(base + "-" + n);
		}
		move(file, aside);
		for (String suffix : SIDE_FILES) {
			move(file.resolveSibling(file.getFileName() + suffix), aside.resolveSibling(aside.getFileName() + suffix));
		}
		return aside;
	}

	private static void move(Path from, Path to) {
		try {
			Files.move(from, to);
		}
		catch (NoSuchFileException ex) {
			// no such side file
		}
		catch (IOException ex) {
			throw new StorageException("Cannot move the damaged SQLite file " + from + " aside to " + to + ": " + ex, ex);
		}
	}

}
