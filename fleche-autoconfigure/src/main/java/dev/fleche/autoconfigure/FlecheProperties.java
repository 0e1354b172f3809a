package dev.fleche.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Settings of Fleche under {@code fleche.*}.
 */
@ConfigurationProperties("fleche")
public class FlecheProperties {

	@NestedConfigurationProperty
	private final FlecheStorageProperties storage = new FlecheStorageProperties();

	@NestedConfigurationProperty
	private final FlecheLockProperties lock = new FlecheLockProperties();

	@NestedConfigurationProperty
	private final FlecheCacheProperties cache = new FlecheCacheProperties();

	/** Where values and call records are stored. */
	public FlecheStorageProperties getStorage() {
		return this.storage;
	}

	/** The locks. */
	public FlecheLockProperties getLock() {
		return this.lock;
	}

	/** The call cache. */
	public FlecheCacheProperties getCache() {
		return this.cache;
	}

	/** Where values and call records are stored. */
	public enum StorageType {

		/** One SQLite database file, safe for several processes on one host. */
		SQLITE,

		/** One file per entry. */
		FILE,

		/** In this JVM's memory; lost at exit. */
		MEMORY,

		/** On a Redis server shared by every host ({@code fleche.storage.redis.*}). */
		REDIS,

		/** In PostgreSQL through the application's DataSource, shared by every process using it. */
		POSTGRES

	}

	/** Thread-safety of the storage beans. */
	public enum Locking {

		/** One read/write lock per key: different keys never wait for each other. */
		PER_KEY,

		/** One read/write lock for the whole storage. */
		SERIALIZING,

		/** No locks around the storage beans. */
		NONE

	}

	/** How stored values are serialized. */
	public enum SerializerType {

		/** JSON through Jackson, read into the declared type. */
		JSON,

		/** Java serialization, reading only the classes of {@code java-allow-list}. */
		JAVA

	}

	/** Where locks live. */
	public enum LockBackendType {

		/** In this JVM. */
		LOCAL,

		/** In files of a directory shared by the processes of one host. */
		DISK,

		/** On a Redis server shared by every host ({@code fleche.lock.redis.*}). */
		REDIS,

		/** In PostgreSQL, shared by the processes of many hosts. */
		POSTGRES

	}

}
