package dev.fleche.autoconfigure.actuate;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.Selector.Match;

import dev.fleche.core.lock.stats.LockStatistics;

/**
 * The {@code locks} endpoint: every lock the application has used, with its holders, queue,
 * counters and wait times, and one lock by key. Read-only; shows keys and mode names, never
 * argument or result values.
 */
@Endpoint(id = "locks")
public final class LocksEndpoint {

	private final List<LockStatistics> statistics;

	/**
	 * An endpoint over the statistics of one or more lock services.
	 * @param statistics the statistics, one per lock service
	 */
	public LocksEndpoint(List<LockStatistics> statistics) {
		this.statistics = List.copyOf(statistics);
	}

	/** Every lock used, sorted by key then backend. */
	@ReadOperation
	public LocksDescriptor locks() {
		return new LocksDescriptor(this.statistics.stream()
			.flatMap((each) -> each.snapshots().stream())
			.map(LockDescriptor::of)
			.sorted(Comparator.comparing(LockDescriptor::key).thenComparing(LockDescriptor::backend))
			.toList());
	}

	/**
	 * One lock by key; the key's segments are joined by {@code /}, so keys holding a slash can be
	 * asked for too.
	 * @return the lock on the first backend that knows the key, or {@code null} (404) if none does
	 */
	@ReadOperation
	public @Nullable LockDescriptor lock(@Selector(match = Match.ALL_REMAINING) String[] key) {
		String joined = String.join("/", key);
		return this.statistics.stream()
			.map((each) -> each.snapshot(joined))
			.flatMap(Optional::stream)
			.map(LockDescriptor::of)
			.findFirst()
			.orElse(null);
	}

}
