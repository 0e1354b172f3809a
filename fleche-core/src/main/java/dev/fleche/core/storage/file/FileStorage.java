package dev.fleche.core.storage.file;

import java.nio.file.Path;

import dev.fleche.core.serial.JacksonSerializer;
import dev.fleche.core.serial.Serializer;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.storage.codec.EntryCodec;
import dev.fleche.core.storage.support.EncodedCallStorage;
import dev.fleche.core.storage.support.EncodedValueStorage;

/**
 * File storages: one file per digest, written atomically, optionally compressed and signed.
 */
public final class FileStorage {

	private FileStorage() {
	}

	/** A value storage in {@code directory} with JSON serialization, no compression, no signatures. */
	public static ValueStorage values(Path directory) {
		return values(directory, new JacksonSerializer(), EntryCodec.plain());
	}

	/** A value storage in {@code directory}. */
	public static ValueStorage values(Path directory, Serializer serializer, EntryCodec codec) {
		return new EncodedValueStorage(new FileByteStore(directory), serializer, codec);
	}

	/** A call storage in {@code directory}, no compression, no signatures. */
	public static CallStorage calls(Path directory) {
		return calls(directory, EntryCodec.plain());
	}

	/** A call storage in {@code directory}. */
	public static CallStorage calls(Path directory, EntryCodec codec) {
		return new EncodedCallStorage(new FileByteStore(directory), codec);
	}

}
