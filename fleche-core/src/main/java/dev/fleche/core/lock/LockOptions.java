package dev.fleche.core.lock;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * Options of a primitive: an optional lease after which a grant expires if not released, and
 * tags that group locks. Immutable.
 *
 * @param lease how long a grant lives before it expires, or {@code null} for no lease
 * @param tags labels that group locks, for listing and forced release
 */
public record LockOptions(@Nullable Duration lease, Set<String> tags) {

	private static final LockOptions DEFAULTS = new LockOptions(null, Set.of());

	public LockOptions {
		if (lease != null && (lease.isNegative() || lease.isZero())) {
			throw new IllegalArgumentException("A lease must be positive, got " + lease);
		}
		Objects.requireNonNull(tags, "tags");
		tags = Set.copyOf(new TreeSet<>(tags));
	}

	/** No lease, no tags. */
	public static LockOptions defaults() {
		return DEFAULTS;
	}

	/** These options with the given lease. */
	public LockOptions withLease(@Nullable Duration lease) {
		return new LockOptions(lease, this.tags);
	}

	/** These options with the given tags, replacing any. */
	public LockOptions withTags(String... tags) {
		return new LockOptions(this.lease, Set.of(tags));
	}

}
