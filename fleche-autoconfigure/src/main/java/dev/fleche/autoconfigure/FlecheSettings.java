package dev.fleche.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;

import dev.fleche.core.serial.JacksonSerializer;
import dev.fleche.core.serial.JavaSerializer;
import dev.fleche.core.serial.Serializer;
import dev.fleche.core.storage.codec.EntryCodec;
import dev.fleche.core.storage.codec.SigningKey;

/**
 * Turns {@link FlecheProperties} into core objects, checking each setting: a bad one fails the
 * start with {@link InvalidConfigurationPropertyValueException}, which names the property.
 */
public final class FlecheSettings {

	private FlecheSettings() {
	}

	/** The serializer of {@code fleche.storage.serializer}. */
	public static Serializer serializer(FlecheStorageProperties storage) {
		if (storage.getSerializer() == FlecheProperties.SerializerType.JAVA) {
			if (storage.getJavaAllowList().isEmpty()) {
				throw new InvalidConfigurationPropertyValueException("fleche.storage.java-allow-list", "[]",
						"Java deserialization needs an allow-list of class patterns, such as 'com.example.**'");
			}
			JavaSerializer.Limits limits = javaLimits(storage.getJavaLimits());
			try {
				return JavaSerializer.allowing(storage.getJavaAllowList(), limits);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidConfigurationPropertyValueException("fleche.storage.java-allow-list",
						storage.getJavaAllowList(), ex.getMessage());
			}
		}
		return new JacksonSerializer();
	}

	private static JavaSerializer.Limits javaLimits(FlecheStorageProperties.JavaLimits limits) {
		String prefix = "fleche.storage.java-limits.";
		positive(prefix + "max-depth", limits.getMaxDepth());
		positive(prefix + "max-array-length", limits.getMaxArrayLength());
		positive(prefix + "max-references", limits.getMaxReferences());
		if (limits.getMaxBytes() == null) {
			throw new InvalidConfigurationPropertyValueException(prefix + "max-bytes", null, "a size is required");
		}
		positive(prefix + "max-bytes", limits.getMaxBytes().toBytes());
		return new JavaSerializer.Limits(limits.getMaxDepth(), limits.getMaxArrayLength(), limits.getMaxReferences(),
				limits.getMaxBytes().toBytes());
	}

	private static void positive(String property, long value) {
		if (value < 1) {
			throw new InvalidConfigurationPropertyValueException(property, value, "must be at least 1");
		}
	}

	/** The maximum entry size of {@code fleche.storage.max-entry-size}, in bytes. */
	public static long maxEntryBytes(FlecheStorageProperties storage) {
		DataSize size = storage.getMaxEntrySize();
		if (size == null || size.toBytes() < 1 || size.toBytes() > Integer.MAX_VALUE - 1024) {
			throw new InvalidConfigurationPropertyValueException("fleche.storage.max-entry-size", size,
					"the maximum entry size must be 1 byte to 2GB");
		}
		return size.toBytes();
	}

	/** The entry codec of {@code fleche.storage.compression} and {@code fleche.storage.signing-keys}. */
	public static EntryCodec codec(FlecheStorageProperties storage) {
		List<SigningKey> keys = new ArrayList<>();
		List<FlecheStorageProperties.SigningKey> configured = storage.getSigningKeys();
		for (int i = 0; i < configured.size(); i++) {
			FlecheStorageProperties.SigningKey key = configured.get(i);
			String property = "fleche.storage.signing-keys[" + i + "]";
			if (key.getSecret() == null || key.getSecret().getBytes(StandardCharsets.UTF_8).length < SigningKey.MIN_SECRET_BYTES) {
				throw new InvalidConfigurationPropertyValueException(property + ".secret", "<hidden>",
						"a signing secret needs at least " + SigningKey.MIN_SECRET_BYTES + " bytes");
			}
			try {
				keys.add(SigningKey.of(key.getId(), key.getSecret()));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidConfigurationPropertyValueException(property + ".id", key.getId(), ex.getMessage());
			}
		}
		try {
			return EntryCodec.of(storage.isCompression(), keys, maxEntryBytes(storage));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException("fleche.storage.signing-keys", "<hidden>",
					ex.getMessage());
		}
	}

	/** The storage directory of {@code fleche.storage.path}. */
	public static Path storagePath(FlecheStorageProperties storage) {
		String path = storage.getPath();
		if (path == null || path.isBlank()) {
			throw new InvalidConfigurationPropertyValueException("fleche.storage.path", path, "a directory is required");
		}
		return createdDirectory("fleche.storage.path", path, Path.of(path).toAbsolutePath().normalize());
	}

	/**
	 * {@code directory}, created if needed and writable; otherwise the start fails naming
	 * {@code property}.
	 */
	private static Path createdDirectory(String property, Object value, Path directory) {
		try {
			Files.createDirectories(directory);
		}
		catch (IOException | SecurityException ex) {
			throw new InvalidConfigurationPropertyValueException(property, value,
					"the directory " + directory + " cannot be created (" + ex + ")");
		}
		if (!Files.isWritable(directory)) {
			throw new InvalidConfigurationPropertyValueException(property, value,
					"the directory " + directory + " is not writable");
		}
		return directory;
	}

	/** The lock directory of {@code fleche.lock.directory}, by default 'locks' in the storage path. */
	public static Path lockDirectory(FlecheProperties properties) {
		String directory = properties.getLock().getDirectory();
		if (directory == null) {
			Path locks = storagePath(properties.getStorage()).resolve("locks");
			return createdDirectory("fleche.lock.directory", "<fleche.storage.path>/locks", locks);
		}
		if (directory.isBlank()) {
			throw new InvalidConfigurationPropertyValueException("fleche.lock.directory", directory,
					"a directory is required");
		}
		return createdDirectory("fleche.lock.directory", directory, Path.of(directory).toAbsolutePath().normalize());
	}

	/** Checks {@code fleche.lock.default-timeout} and {@code fleche.lock.default-lease}. */
	public static void checkLockDurations(FlecheLockProperties lock) {
		Duration timeout = lock.getDefaultTimeout();
		if (timeout == null || timeout.isNegative()) {
			throw new InvalidConfigurationPropertyValueException("fleche.lock.default-timeout", timeout,
					"a wait timeout must be zero or positive");
		}
		Duration lease = lock.getDefaultLease();
		if (lease != null) {
			if (lease.isNegative() || lease.isZero()) {
				throw new InvalidConfigurationPropertyValueException("fleche.lock.default-lease", lease,
						"a lease must be positive");
			}
			if (lease.compareTo(timeout) < 0) {
				throw new InvalidConfigurationPropertyValueException("fleche.lock.default-lease", lease,
						"the lease is shorter than fleche.lock.default-timeout (" + timeout + ")");
			}
		}
	}

}
