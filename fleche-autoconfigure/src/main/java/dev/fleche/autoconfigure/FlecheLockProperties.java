package dev.fleche.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.core.Ordered;

import dev.fleche.autoconfigure.FlecheProperties.LockBackendType;

/**
 * Settings of the locks, under {@code fleche.lock.*}.
 */
public class FlecheLockProperties {

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
