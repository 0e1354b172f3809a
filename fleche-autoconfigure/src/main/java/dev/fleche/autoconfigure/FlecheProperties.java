package dev.fleche.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

import dev.fleche.core.storage.sqlite.OnCorrupt;

/**
 * Settings of Fleche under {@code fleche.*}.
 */
@ConfigurationProperties("fleche")
public class FlecheProperties {

	private final Storage storage = new Storage();

	private final Lock lock = new Lock();

	private final Cache cache = new Cache();

	public Storage getStorage() {
		return this.storage;
	}

	public Lock getLock() {
		return this.lock;
	}

	public Cache getCache() {
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

	/**
	 * Storage settings.
	 */
	public static class Storage {

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

	/**
	 * Lock settings.
	 */
	public static class Lock {

		/**
		 * Whether the lock service and @Locked are enabled.
		 */
		private boolean enabled = true;

		/**
		 * Where locks live.
		 */
		private LockBackendType backend = LockBackendType.DISK;

		@NestedConfigurationProperty
		private final PostgresLockProperties postgres = new PostgresLockProperties();

		/** Settings of the PostgreSQL lock backend. */
		public PostgresLockProperties getPostgres() {
			return this.postgres;
		}

		/**
		 * Directory of the disk backend's lock files; defaults to 'locks' in the storage path.
		 */
		private @Nullable String directory;

		/**
		 * How long @Locked methods wait for their lock when they do not say.
		 */
		private Duration defaultTimeout = Duration.ofSeconds(30);

		/**
		 * How long a grant of a @Locked method lives if not released, when it does not say; unset
		 * for no lease (a killed holder still frees its disk lock at once).
		 */
		private @Nullable Duration defaultLease;

		/**
		 * Whether @Locked requests wait behind every earlier request (FIFO). Unfair, a request
		 * whose mode is compatible with the holders is granted at once even if others wait: more
		 * throughput, but a waiting writer can starve. The disk backend is always fair.
		 */
		private boolean fair = true;

		/**
		 * Order of the @Locked advice; lower runs outside. Default: inside @CachedCall, outside
		 * @Transactional.
		 */
		private int order = Ordered.LOWEST_PRECEDENCE - 100;

		/**
		 * The Redis backend, when the backend is redis.
		 */
		@NestedConfigurationProperty
		private final RedisLockProperties redis = new RedisLockProperties();

		public RedisLockProperties getRedis() {
			return this.redis;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public LockBackendType getBackend() {
			return this.backend;
		}

		public void setBackend(LockBackendType backend) {
			this.backend = backend;
		}

		public @Nullable String getDirectory() {
			return this.directory;
		}

		public void setDirectory(@Nullable String directory) {
			this.directory = directory;
		}

		public Duration getDefaultTimeout() {
			return this.defaultTimeout;
		}

		public void setDefaultTimeout(Duration defaultTimeout) {
			this.defaultTimeout = defaultTimeout;
		}

		public @Nullable Duration getDefaultLease() {
			return this.defaultLease;
		}

		public void setDefaultLease(@Nullable Duration defaultLease) {
			this.defaultLease = defaultLease;
		}

		public boolean isFair() {
			return this.fair;
		}

		public void setFair(boolean fair) {
			this.fair = fair;
		}

		public int getOrder() {
			return this.order;
		}

		public void setOrder(int order) {
			this.order = order;
		}

	}

	/**
	 * Call cache settings.
	 */
	public static class Cache {

		/**
		 * Whether @CachedCall is enabled; disabled, the methods just run.
		 */
		private boolean enabled = true;

		/**
		 * Whether concurrent misses of one key run once across processes, through the lock
		 * service (when its backend is shared), besides once per JVM.
		 */
		private boolean crossProcess = true;

		/**
		 * Order of the @CachedCall advice; lower runs outside. Default: outside @Locked and
		 * @Transactional.
		 */
		private int order = Ordered.LOWEST_PRECEDENCE - 200;

		/**
		 * How long a stored result is served when neither the function's settings nor
		 * @CachedCall(expireAfter) say. Unset (the default): for ever.
		 */
		private @Nullable Duration expireAfter;

		/**
		 * Settings per function, by its identity or @CachedCall name. Unset (the default): none.
		 */
		private Map<String, FunctionCacheProperties> functions = new LinkedHashMap<>();

		/**
		 * Layered caches.
		 */
		@NestedConfigurationProperty
		private final CacheLayersProperties layers = new CacheLayersProperties();

		public @Nullable Duration getExpireAfter() {
			return this.expireAfter;
		}

		public void setExpireAfter(@Nullable Duration expireAfter) {
			this.expireAfter = expireAfter;
		}

		public Map<String, FunctionCacheProperties> getFunctions() {
			return this.functions;
		}

		public void setFunctions(Map<String, FunctionCacheProperties> functions) {
			this.functions = functions;
		}

		public CacheLayersProperties getLayers() {
			return this.layers;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isCrossProcess() {
			return this.crossProcess;
		}

		public void setCrossProcess(boolean crossProcess) {
			this.crossProcess = crossProcess;
		}

		public int getOrder() {
			return this.order;
		}

		public void setOrder(int order) {
			this.order = order;
		}

	}

}
