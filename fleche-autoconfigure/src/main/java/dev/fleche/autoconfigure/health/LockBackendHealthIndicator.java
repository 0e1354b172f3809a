package dev.fleche.autoconfigure.health;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockService;

/**
 * The health of the lock backend: UP when a try-lock of the key {@value #KEY} gets an answer from
 * the backend (granted and released at once, or held by a concurrent check), DOWN with the error
 * when the backend cannot reach its directory or server. For the disk backend the directory is
 * checked first: lock files already open would still answer after it is gone.
 */
public final class LockBackendHealthIndicator extends AbstractHealthIndicator {

	/** The key the check tries. */
	public static final String KEY = "fleche.health";

	private final LockService locks;

	private final @Nullable Path directory;

	/**
	 * @param locks the lock service
	 * @param directory the directory of a disk backend, checked first, or {@code null}
	 */
	public LockBackendHealthIndicator(LockService locks, @Nullable Path directory) {
		super("Fleche lock backend health check failed");
		this.locks = locks;
		this.directory = directory;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("backend", this.locks.backendName());
		if (this.directory != null) {
			builder.withDetail("directory", this.directory.toString());
			if (!Files.isDirectory(this.directory) || !Files.isWritable(this.directory)) {
				builder.down().withDetail("error", "lock directory " + this.directory + " is missing, not a directory or not writable");
				return;
			}
		}
		Optional<LockHandle> handle = this.locks.lock(KEY).tryAcquire();
		handle.ifPresent(LockHandle::close);
		builder.up();
	}

}
