package dev.fleche.core.storage.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.digest.Digest;
import dev.fleche.core.storage.SaveException;
import dev.fleche.core.storage.StorageException;
import dev.fleche.core.storage.support.ByteStore;

/**
 * One file per digest, in a sub-directory named by the digest's first two characters. A write goes
 * to a temporary file in the same directory and is renamed over the entry atomically, so readers
 * see the old bytes or the new, never a mix.
 */
public final class FileByteStore implements ByteStore {

	private static final String TEMP_PREFIX = ".tmp-";

	private final Path root;

	/**
	 * @param root the directory, created if missing
	 * @throws StorageException if it cannot be created
	 */
	public FileByteStore(Path root) {
		this.root = root.toAbsolutePath().normalize();
		try {
			Files.createDirectories(this.root);
		}
		catch (IOException ex) {
			throw new StorageException("Cannot create storage directory " + this.root + ": " + ex, ex);
		}
	}

	/** The directory. */
	public Path root() {
		return this.root;
	}

	/** The file of {@code key}. */
	public Path file(Digest key) {
		return this.root.resolve(key.prefix(2)).resolve(key.hex());
	}

	@Override
	public void put(Digest key, byte[] bytes) {
		Path target = file(key);
		Path temp = target.resolveSibling(TEMP_PREFIX + UUID.randomUUID());
		try {
			Files.createDirectories(target.getParent());
			Files.write(temp, bytes);
			try {
				Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException ex) {
			deleteQuietly(temp);
			throw new SaveException("Cannot write " + target + ": " + ex, ex);
		}
	}

	@Override
	public byte @Nullable [] get(Digest key) {
		Path file = file(key);
		try {
			return Files.readAllBytes(file);
		}
		catch (NoSuchFileException ex) {
			return null;
		}
		catch (IOException ex) {
			throw new StorageException("Cannot read " + file + ": " + ex, ex);
		}
	}

	@Override
	public boolean remove(Digest key) {
		Path file = file(key);
		try {
			return Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			throw new StorageException("Cannot delete " + file + ": " + ex, ex);
		}
	}

	@Override
	public boolean contains(Digest key) {
		return Files.isRegularFile(file(key));
	}

	@Override
	public List<Digest> keys() {
		List<Digest> keys = new ArrayList<>();
		try (DirectoryStream<Path> shards = Files.newDirectoryStream(this.root)) {
			for (Path shard : shards) {
				if (Files.isDirectory(shard) && shard.getFileName().toString().length() == 2) {
					collect(shard, "", keys, Integer.MAX_VALUE);
				}
			}
		}
		catch (IOException ex) {
			throw new StorageException("Cannot list " + this.root + ": " + ex, ex);
		}
		Collections.sort(keys);
		return keys;
	}

	@Override
	public List<Digest> matching(String prefix, int limit) {
		Path shard = this.root.resolve(prefix.substring(0, 2));
		List<Digest> matches = new ArrayList<>();
		if (Files.isDirectory(shard)) {
			try {
				collect(shard, prefix, matches, Integer.MAX_VALUE);
			}
			catch (IOException ex) {
				throw new StorageException("Cannot list " + shard + ": " + ex, ex);
			}
		}
		Collections.sort(matches);
		return matches.size() > limit ? new ArrayList<>(matches.subList(0, limit)) : matches;
	}

	@Override
	public String describe(Digest key) {
		return key.hex() + " (file " + file(key) + ")";
	}

	private static void collect(Path shard, String prefix, List<Digest> into, int limit) throws IOException {
		try (DirectoryStream<Path> files = Files.newDirectoryStream(shard)) {
			for (Path file : files) {
				String name = file.getFileName().toString();
				if (Digest.isFullDigest(name) && name.startsWith(prefix) && into.size() < limit) {
					into.add(Digest.of(name));
				}
			}
		}
	}

	private static void deleteQuietly(Path temp) {
		try {
			Files.deleteIfExists(temp);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot delete temporary file " + temp, ex);
		}
	}

}
