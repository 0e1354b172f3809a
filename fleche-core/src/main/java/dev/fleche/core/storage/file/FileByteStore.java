package dev.fleche.core.storage.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.fleche.core.digest.Digest;
import dev.fleche.core.files.PrivateFiles;
import dev.fleche.core.files.SymbolicLinkException;
import dev.fleche.core.storage.SaveException;
import dev.fleche.core.storage.StorageException;
import dev.fleche.core.storage.support.ByteStore;

/**
 * One file per digest, in a sub-directory named by the digest's first two characters. A write goes
 * to a temporary file in the same directory and is renamed over the entry atomically, so readers
 * see the old bytes or the new, never a mix.
 * <p>
 * Directories are created {@code 0700} and files {@code 0600} ({@link PrivateFiles}); files are
 * opened without following links, and a shard directory or entry that is a symbolic link is
 * refused with {@link SymbolicLinkException} (skipped, with a WARN, when listing).
 */
public final class FileByteStore implements ByteStore {

	private static final Logger logger = LoggerFactory.getLogger(FileByteStore.class);

	private static final String TEMP_PREFIX = ".tmp-";

	private static final String SHARD = "shard directory";

	private static final String ENTRY = "entry file";

	private final Path root;

	/**
	 * @param root the directory, created if missing
	 * @throws StorageException if it cannot be created
	 */
	public FileByteStore(Path root) {
		this.root = root.toAbsolutePath().normalize();
		try {
			PrivateFiles.createRoot(this.root);
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
			PrivateFiles.createOwnDirectory(target.getParent(), SHARD);
			try (SeekableByteChannel out = PrivateFiles.open(temp, "temporary file",
					Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
				ByteBuffer buffer = ByteBuffer.wrap(bytes);
				while (buffer.hasRemaining()) {
					out.write(buffer);
				}
			}
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
		PrivateFiles.refuseLink(file.getParent(), SHARD);
		try (SeekableByteChannel in = PrivateFiles.open(file, ENTRY, Set.of(StandardOpenOption.READ))) {
			return readAll(in, file);
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
		PrivateFiles.refuseLink(file.getParent(), SHARD);
		try {
			return Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			throw new StorageException("Cannot delete " + file + ": " + ex, ex);
		}
	}

	@Override
	public boolean contains(Digest key) {
		Path file = file(key);
		PrivateFiles.refuseLink(file.getParent(), SHARD);
		return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
	}

	@Override
	public List<Digest> keys() {
		List<Digest> keys = new ArrayList<>();
		try (DirectoryStream<Path> shards = Files.newDirectoryStream(this.root)) {
			for (Path shard : shards) {
				if (shard.getFileName().toString().length() == 2 && isOwnShard(shard)) {
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
		if (isOwnShard(shard)) {
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

	/** Whether {@code shard} is a real directory; a link is skipped with a WARN. */
	private static boolean isOwnShard(Path shard) {
		if (Files.isSymbolicLink(shard)) {
			logger.warn("Skipping shard directory {}: it is a symbolic link, where Fleche expects its own directory", shard);
			return false;
		}
		return Files.isDirectory(shard, LinkOption.NOFOLLOW_LINKS);
	}

	private static byte[] readAll(SeekableByteChannel in, Path file) throws IOException {
		long size = in.size();
		if (size > Integer.MAX_VALUE - 16) {
			throw new StorageException("Cannot read " + file + ": " + size + " bytes is too large for an entry");
		}
		ByteBuffer buffer = ByteBuffer.allocate((int) size);
		while (buffer.hasRemaining() && in.read(buffer) >= 0) {
			// until full or end of file
		}
		return buffer.position() == buffer.capacity() ? buffer.array() : java.util.Arrays.copyOf(buffer.array(), buffer.position());
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
