package dev.fleche.autoconfigure.health;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.cache.eviction.SizeLimiter;

/**
 * The health of the store of cached calls: UP when both storages answer a read (a lookup of a key
 * that is never stored), DOWN with the error when either fails, as a store that cannot be opened
 * or read any more does. Never writes.
 */
public final class StoreHealthIndicator extends AbstractHealthIndicator {

	/** A key no call or value has. */
	static final String PROBE = "0".repeat(64);

	private final ValueStorage values;

	private final CallStorage calls;

	private final String type;

	private final String location;

	private final @Nullable SizeLimiter sizeLimiter;

	/**
	 * @param sizeLimiter the size limiter of the store, whose limit and last measured size are
	 * shown, or {@code null}
	 */
	public StoreHealthIndicator(ValueStorage values, CallStorage calls, String type, String location,
			@Nullable SizeLimiter sizeLimiter) {
		super("Fleche store health check failed");
		this.values = values;
		this.calls = calls;
		this.type = type;
		this.location = location;
		this.sizeLimiter = sizeLimiter;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("type", this.type).withDetail("location", this.location);
		if (this.sizeLimiter != null) {
			builder.withDetail("sizeLimitBytes", this.sizeLimiter.limit()).withDetail("sizeBytes", this.sizeLimiter.size());
		}
		this.calls.contains(PROBE);
		this.values.contains(PROBE);
		builder.up();
	}

}
