package dev.fleche.core.lock;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * Options of a primitive: an optional lease after which a grant expires if not released, tags
 * that group locks, and fairness. Immutable.
 *
 * @param lease how long a grant lives before it expires, or {@code null} for no lease
 * @param tags labels that group locks, for listing and forced release
 * @param fair whether a request waits behind every earlier request (the default); an unfair one
 * is granted at once when its mode is compatible with what is held, even if others wait (more
 * throughput, but a waiting writer can starve). Backends that cannot barge (the disk backend)
 * are always fair.
 */
public record LockOptions(@Nullable Duration lease, Set<String> tags, boolean fair) {

	private static final LockOptions DEFAULTS = new LockOptions(null, Set.of(), true);

	public LockOptions {
		if (lease != null && (lease.isNegative() || lease.isZero())) {
			throw new IllegalArgumentException("A lease must be positive, got " + lease);
		}
		Objects.requireNonNull(tags, "tags");
		tags = Set.copyOf(new TreeSet<>(tags));
	}

	/** Fair options with the given lease and tags. */
	public LockOptions(@Nullable Duration lease, Set<String> tags) {
		this(lease, tags, true);
	}

	/** No lease, no tags. */
	public static LockOptions defaults() {
		return DEFAULTS;
	}

	/** These options with the given lease. */
	public LockOptions withLease(@Nullable Duration lease) {
		return new LockOptions(lease, this.tags, this.fair);
	}

	/** These options with the given tags, replacing any. */
	public LockOptions withTags(String... tags) {
		return new LockOptions(this.lease, Set.of(tags), this.fair);
	}

	/** These options, fair or not. */
	public LockOptions withFair(boolean fair) {
		return new LockOptions(this.lease, this.tags, fair);
	}

}
