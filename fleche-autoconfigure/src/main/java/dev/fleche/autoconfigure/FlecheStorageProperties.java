package dev.fleche.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

import dev.fleche.autoconfigure.FlecheProperties.Locking;
import dev.fleche.autoconfigure.FlecheProperties.SerializerType;
import dev.fleche.autoconfigure.FlecheProperties.StorageType;
import dev.fleche.core.storage.sqlite.OnCorrupt;

/**
 * Settings of the store of values and call records, under {@code fleche.storage.*}.
 */
public class FlecheStorageProperties {

	/**
	 * Which store keeps values and call records.
	 */
	private StorageType type = StorageType.SQLITE;

	/**
	 * Directory of the store; the SQLite database is 'fleche.db' in it.
	 */
	private String path = ".fleche";

	/**
	 * Locks around every storage operation.
	 */
	private Locking locking = Locking.PER_KEY;

	/**
	 * Whether new entries are gzip-compressed (compressed entries are read either way).
	 */
	private boolean compression = false;

	/**
	 * Keys that sign stored entries with HMAC-SHA256: the first signs new entries, any of them
	 * verifies, so keys can rotate. Empty: entries are not signed.
	 */
	private List<SigningKey> signingKeys = new ArrayList<>();

	/**
	 * Serialization of stored values.
	 */
	private SerializerType serializer = SerializerType.JSON;

	/**
	 * Class patterns Java deserialization may read, such as 'com.example.**'; required with
	 * serializer 'java'.
	 */
	private List<String> javaAllowList = new ArrayList<>();

	/**
	 * Largest entry read or written, stored or decompressed; a larger stored entry is corrupt
	 * (the method runs instead), a larger new one is not stored.
	 */
	private DataSize maxEntrySize = DataSize.ofMegabytes(64);

	/**
	 * Bounds of Java deserialization, checked by its filter.
	 */
	private final JavaLimits javaLimits = new JavaLimits();

	/**
	 * The Redis storage, when the type is redis.
	 */
	@NestedConfigurationProperty
	private final RedisStorageProperties redis = new RedisStorageProperties();

	public RedisStorageProperties getRedis() {
		return this.redis;
	}

	public DataSize getMaxEntrySize() {
		return this.maxEntrySize;
	}

	public void setMaxEntrySize(DataSize maxEntrySize) {
		this.maxEntrySize = maxEntrySize;
	}

	public JavaLimits getJavaLimits() {
		return this.javaLimits;
	}

	/**
	 * What the SQLite store does with a database file that is not a database or is damaged, at
	 * start-up or later: 'quarantine' moves it aside as 'fleche.db.corrupt-<timestamp>' (with its
	 * -wal/-shm files), logs it at ERROR and starts a fresh store; 'fail' fails.
	 */
	private OnCorrupt onCorrupt = OnCorrupt.QUARANTINE;

	public OnCorrupt getOnCorrupt() {
		return this.onCorrupt;
	}

	public void setOnCorrupt(OnCorrupt onCorrupt) {
		this.onCorrupt = onCorrupt;
	}

	@NestedConfigurationProperty
	private final PostgresStorageProperties postgres = new PostgresStorageProperties();

	/** Settings of the PostgreSQL store. */
	public PostgresStorageProperties getPostgres() {
		return this.postgres;
	}

	/**
	 * Largest size of the store; past it, calls are evicted least recently used first and
	 * values no call uses are collected. Unset (the default): no limit.
	 */
	private @Nullable DataSize sizeLimit;

	/**
	 * Stores stacked nearest first, such as 'memory,sqlite'. Unset (the default): only 'type'.
	 */
	private List<StorageType> layers = new ArrayList<>();

	public @Nullable DataSize getSizeLimit() {
		return this.sizeLimit;
	}

	public void setSizeLimit(@Nullable DataSize sizeLimit) {
		this.sizeLimit = sizeLimit;
	}

	public List<StorageType> getLayers() {
		return this.layers;
	}

	public void setLayers(List<StorageType> layers) {
		this.layers = layers;
	}

	public StorageType getType() {
		return this.type;
	}

	public void setType(StorageType type) {
		this.type = type;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

	public Locking getLocking() {
		return this.locking;
	}

	public void setLocking(Locking locking) {
		this.locking = locking;
	}

	public boolean isCompression() {
		return this.compression;
	}

	public void setCompression(boolean compression) {
		this.compression = compression;
	}

	public List<SigningKey> getSigningKeys() {
		return this.signingKeys;
	}

	public void setSigningKeys(List<SigningKey> signingKeys) {
		this.signingKeys = signingKeys;
	}

	public SerializerType getSerializer() {
		return this.serializer;
	}

	public void setSerializer(SerializerType serializer) {
		this.serializer = serializer;
	}

	public List<String> getJavaAllowList() {
		return this.javaAllowList;
	}

	public void setJavaAllowList(List<String> javaAllowList) {
		this.javaAllowList = javaAllowList;
	}

	/**
	 * Bounds of Java deserialization.
	 */
	public static class JavaLimits {

		/**
		 * Deepest object graph.
		 */
		private long maxDepth = 64;

		/**
		 * Longest array.
		 */
		private long maxArrayLength = 1_000_000;

		/**
		 * Most object references in one stream.
		 */
		private long maxReferences = 1_000_000;

		/**
		 * Most bytes read from one stream.
		 */
		private DataSize maxBytes = DataSize.ofMegabytes(64);

		public long getMaxDepth() {
			return this.maxDepth;
		}

		public void setMaxDepth(long maxDepth) {
			this.maxDepth = maxDepth;
		}

		public long getMaxArrayLength() {
			return this.maxArrayLength;
		}

		public void setMaxArrayLength(long maxArrayLength) {
			this.maxArrayLength = maxArrayLength;
		}

		public long getMaxReferences() {
			return this.maxReferences;
		}

		public void setMaxReferences(long maxReferences) {
			this.maxReferences = maxReferences;
		}

		public DataSize getMaxBytes() {
			return this.maxBytes;
		}

		public void setMaxBytes(DataSize maxBytes) {
			this.maxBytes = maxBytes;
		}

	}

	/**
	 * One signing key.
	 */
	public static class SigningKey {

		/**
		 * Id stored with each signature.
		 */
		private String id = "";

		/**
		 * Secret, at least 16 bytes.
		 */
		private String secret = "";

		public String getId() {
			return this.id;
		}

		public void setId(String id) {
			this.id = id;
		}

		public String getSecret() {
			return this.secret;
		}

		public void setSecret(String secret) {
			this.secret = secret;
		}

	}

}
