package dev.fleche.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test advances it.
 */
public final class TickingClock extends Clock {

	private final AtomicReference<Instant> now;

	public TickingClock(Instant start) {
		this.now = new AtomicReference<>(start);
	}

	public TickingClock() {
		this(Instant.parse("2026-11-01T00:00:00Z"));
	}

	/** Moves the time on by {@code step}. */
	public void advance(Duration step) {
		this.now.updateAndGet(instant -> instant.plus(step));
	}

	@Override
	public Instant instant() {
		return this.now.get();
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

}
