package dev.fleche.core.storage.memory;

import dev.fleche.core.serial.JacksonSerializer;
import dev.fleche.core.serial.Serializer;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.storage.codec.EntryCodec;
import dev.fleche.core.storage.support.EncodedCallStorage;
import dev.fleche.core.storage.support.EncodedValueStorage;

/**
 * In-memory storages for one JVM. They keep serialized bytes, so callers can never mutate a stored
 * value.
 */
public final class MemoryStorage {

	private MemoryStorage() {
	}

	/** A value storage with JSON serialization. */
	public static ValueStorage values() {
		return values(new JacksonSerializer());
	}

	/** A value storage with the given serializer. */
	public static ValueStorage values(Serializer serializer) {
		return new EncodedValueStorage(new MemoryByteStore(), serializer, EntryCodec.plain());
	}

	/** A call storage. */
	public static CallStorage calls() {
		return new EncodedCallStorage(new MemoryByteStore(), EntryCodec.plain());
	}

}
