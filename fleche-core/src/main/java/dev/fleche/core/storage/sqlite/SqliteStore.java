package dev.fleche.core.storage.sqlite;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

import dev.fleche.core.files.PrivateFiles;
import dev.fleche.core.files.SymbolicLinkException;
import dev.fleche.core.serial.JacksonSerializer;
import dev.fleche.core.serial.Serializer;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.CorruptEntryException;
import dev.fleche.core.storage.StorageException;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.storage.codec.EntryCodec;
import dev.fleche.core.storage.support.EncodedValueStorage;

/**
 * The embedded default store: values and call records in one SQLite database file, in WAL mode,
 * safe for several processes of one host at once (write transactions start with
 * {@code BEGIN IMMEDIATE} and wait up to a busy timeout). Refuses network filesystems. The database
 * file is only ever opened by SQLite itself. The directory is created {@code 0700} and the
 * database {@code 0600} (its {@code -wal} and {@code -shm} files follow); a database or one of
 * its files that is a symbolic link is refused with {@link SymbolicLinkException}.
 */
public final class SqliteStore implements AutoCloseable {

	private final SqliteConnections connections;

	private final ValueStorage values;

	private final CallStorage calls;

	private SqliteStore(SqliteConnections connections, Serializer serializer, EntryCodec codec) {
		this.connections = connections;
		this.values = new EncodedValueStorage(new SqliteByteStore(connections), serializer, codec);
		this.calls = new SqliteCallStorage(connections, codec.callSigner());
	}

	/**
	 * Opens (creating if needed) the store in {@code file}, with JSON values, neither compressed nor
	 * signed; a damaged file is quarantined.
	 */
	public static SqliteStore open(Path file) {
		return open(file, new JacksonSerializer(), EntryCodec.plain());
	}

	/**
	 * Opens (creating if needed) the store in {@code file}; a damaged file is quarantined
	 * ({@link OnCorrupt#QUARANTINE}).
	 * @throws StorageException if the directory is on a network filesystem or cannot be created
	 */
	public static SqliteStore open(Path file, Serializer serializer, EntryCodec codec) {
		return open(file, serializer, codec, OnCorrupt.QUARANTINE);
	}

	/**
	 * Opens (creating if needed) the store in {@code file}.
	 * @param onCorrupt what to do with a file that is not a database or is damaged, now or later
	 * @throws StorageException if the directory is on a network filesystem or cannot be created,
	 * or, with {@link OnCorrupt#FAIL}, the file is not a SQLite database
	 * ({@link dev.fleche.core.storage.CorruptEntryException} naming the file)
	 */
	public static SqliteStore open(Path file, Serializer serializer, EntryCodec codec, OnCorrupt onCorrupt) {
		Objects.requireNonNull(onCorrupt, "onCorrupt");
		Objects.requireNonNull(serializer, "serializer");
		Objects.requireNonNull(codec, "codec");
		Path absolute = file.toAbsolutePath().normalize();
		Path directory = absolute.getParent();
		try {
			PrivateFiles.createRoot(directory);
			for (String suffix : new String[] { "-wal", "-shm", "-journal" }) {
				PrivateFiles.refuseLink(absolute.resolveSibling(absolute.getFileName() + suffix), "SQLite file");
			}
			// SQLite gives its -wal and -shm files the database file's permissions
			PrivateFiles.createFile(absolute, "SQLite database");
		}
		catch (IOException ex) {
			throw new StorageException("Cannot create the SQLite store " + absolute + ": " + ex, ex);
		}
		NetworkFileSystems.refuse(realPath(directory));
		SqliteConnections.quarantineForeign(absolute, onCorrupt);
		SqliteConnections connections = new SqliteConnections(absolute, onCorrupt);
		try {
			try {
				SqliteSchema.create(connections);
			}
			catch (CorruptEntryException ex) {
				if (onCorrupt != OnCorrupt.QUARANTINE) {
					throw ex;
				}
				// the damaged file was moved aside while failing: the fresh one is checked again
				SqliteSchema.create(connections);
			}
			connections.opened();
		}
		catch (RuntimeException ex) {
			connections.close();
			throw ex;
		}
		return new SqliteStore(connections, serializer, codec);
	}

	/** The directory with symbolic links resolved, so a link to a network mount is caught too. */
	private static Path realPath(Path directory) {
		try {
			return directory.toRealPath();
		}
		catch (IOException ex) {
			throw new StorageException("Cannot resolve the directory of SQLite store " + directory + ": " + ex, ex);
		}
	}

	/** The database file. */
	public Path file() {
		return this.connections.file();
	}

	/** The value storage of this store. */
	public ValueStorage values() {
		return this.values;
	}

	/** The call storage of this store. */
	public CallStorage calls() {
		return this.calls;
	}

	/** Closes every connection. */
	@Override
	public void close() {
		this.connections.close();
	}

}
