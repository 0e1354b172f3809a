package dev.fleche.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

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
	public static Serializer serializer(FlecheProperties.Storage storage) {
		if (storage.getSerializer() == FlecheProperties.SerializerType.JAVA) {
			if (storage.getJavaAllowList().isEmpty()) {
				throw new InvalidConfigurationPropertyValueException("fleche.storage.java-allow-list", "[]",
						"Java deserialization needs an allow-list of class patterns, such as 'com.example.**'");
			}
			try {
				return JavaSerializer.allowing(storage.getJavaAllowList());
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidConfigurationPropertyValueException("fleche.storage.java-allow-list",
						storage.getJavaAllowList(), ex.getMessage());
			}
		}
		return new JacksonSerializer();
	}

	/** The entry codec of {@code fleche.storage.compression} and {@code fleche.storage.signing-keys}. */
	public static EntryCodec codec(FlecheProperties.Storage storage) {
		List<SigningKey> keys = new ArrayList<>();
		List<FlecheProperties.SigningKey> configured = storage.getSigningKeys();
		for (int i = 0; i < configured.size(); i++) {
			FlecheProperties.SigningKey key = configured.get(i);
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
			return EntryCodec.of(storage.isCompression(), keys);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException("fleche.storage.signing-keys", "<hidden>", ex.getMessage());
		}
	}

	/** The storage directory of {@code fleche.storage.path}. */
	public static Path storagePath(FlecheProperties.Storage storage) {
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
	public static void checkLockDurations(FlecheProperties.Lock lock) {
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
