package dev.fleche.autoconfigure.actuate;

import java.time.Duration;

/**
 * Durations as fractional milliseconds, to the microsecond.
 */
final class Millis {

	private Millis() {
	}

	static double of(Duration duration) {
		return Math.round(duration.toNanos() / 1_000.0) / 1_000.0;
	}

}
