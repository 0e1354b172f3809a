package dev.fleche.core.storage.support;

import java.lang.reflect.Type;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.digest.Digest;
import dev.fleche.core.digest.Digester;
import dev.fleche.core.digest.UndigestableValueException;
import dev.fleche.core.serial.SerializationException;
import dev.fleche.core.serial.Serializer;
import dev.fleche.core.storage.CorruptEntryException;
import dev.fleche.core.storage.KeyNotFoundException;
import dev.fleche.core.storage.SaveException;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.storage.codec.EntryCodec;
import dev.fleche.core.text.SafeText;

/**
 * A value storage that serializes values, wraps them in the {@link EntryCodec} envelope, and keeps
 * the bytes in a {@link ByteStore}. Values are read with the serializer that wrote them, among
 * those known. A value whose type cannot be read back into itself is refused at save with a
 * {@link SaveException} naming the type (checked once per class), by both forms of save alike.
 */
public class EncodedValueStorage extends AbstractKeyManagement implements ValueStorage {

	private final Serializer serializer;

	private final Map<String, Serializer> readers;

	private final EntryCodec codec;

	private final ReadBackCheck readBack;

	/**
	 * @param store where the bytes go
	 * @param serializer writes new values, and reads values it wrote
	 * @param codec the envelope: compression and signatures
	 */
	public EncodedValueStorage(ByteStore store, Serializer serializer, EntryCodec codec) {
		super(store);
		this.serializer = Objects.requireNonNull(serializer, "serializer");
		this.readers = Map.of(serializer.id(), serializer);
		this.codec = Objects.requireNonNull(codec, "codec");
		this.readBack = new ReadBackCheck(serializer);
	}

	/**
	 * Serializes {@code value} and checks that its type can be read back, then digests it.
	 */
	@Override
	public Digest save(@Nullable Object value) {
		byte[] payload = serialize(value);
		Digest key;
		try {
			key = Digester.standard().digest(value);
		}
		catch (UndigestableValueException ex) {
			throw new SaveException("Cannot save a value of " + value.getClass().getName() + ": " + ex.getMessage(), ex);
		}
		return write(key, payload);
	}

	@Override
	public Digest save(@Nullable Object value, Digest key) {
		Objects.requireNonNull(key, "key");
		return write(key, serialize(value));
	}

	/** The serialized bytes of {@code value}, once its type is known to read back. */
	private byte[] serialize(@Nullable Object value) {
		byte[] payload;
		try {
			payload = this.serializer.serialize(value);
		}
		catch (SerializationException ex) {
			throw new SaveException("Cannot save a value of " + (value == null ? "null" : value.getClass().getName())
					+ ": " + ex.getMessage(), ex);
		}
		this.readBack.check(value, payload);
		return payload;
	}

	private Digest write(Digest key, byte[] payload) {
		byte[] bytes = this.codec.encode(key, this.serializer.id(), payload);
		try {
			store().put(key, bytes);
		}
		catch (RuntimeException ex) {
			throw (ex instanceof SaveException) ? ex : new SaveException("Cannot write value " + key + ": " + ex.getMessage(), ex);
		}
		return key;
	}

	@Override
	public @Nullable Object load(String digestOrPrefix, Type type) {
		Digest key = expand(digestOrPrefix);
		byte[] bytes = store().get(key);
		if (bytes == null) {
			throw new KeyNotFoundException(digestOrPrefix);
		}
		String where = store().describe(key);
		EntryCodec.Decoded decoded = this.codec.decode(key, bytes, where);
		Serializer reader = this.readers.get(decoded.serializerId());
		if (reader == null) {
			throw new CorruptEntryException(where, "written by unknown serializer " + SafeText.quote(decoded.serializerId()));
		}
		try {
			return reader.deserialize(decoded.payload(), type);
		}
		catch (SerializationException ex) {
			throw new CorruptEntryException(where, ex.getMessage(), ex);
		}
		catch (RuntimeException | StackOverflowError | OutOfMemoryError | LinkageError | AssertionError ex) {
			// a serializer is not trusted to fail cleanly on hostile bytes
			throw new CorruptEntryException(where, "cannot be deserialized: " + ex, ex);
		}
	}

}
