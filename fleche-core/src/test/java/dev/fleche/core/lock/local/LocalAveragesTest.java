package dev.fleche.core.lock.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class LocalAveragesTest {

	private final AtomicLong millis = new AtomicLong(1_000_000);

	private final Clock clock = new Clock() {

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return Instant.ofEpochMilli(LocalAveragesTest.this.millis.get());
		}

	};

	@Test
	void averagesNeverPoppedStayBoundedAndTheLeastRecentGoFirst() {
		LocalAverages averages = new LocalAverages(this.clock, 1000, Duration.ofHours(1));
		averages.add("kept", 4);
		for (int i = 0; i < 100_000; i++) {
			this.millis.incrementAndGet();
			averages.add("key-" + i, i);
			if (i % 500 == 0) {
				averages.add("kept", 6);
			}
			assertThat(averages.size()).isLessThanOrEqualTo(1001);
		}
		assertThat(averages.get("key-99999")).isEqualTo(OptionalDouble.of(99999));
		assertThat(averages.get("key-0")).isEmpty();
		assertThat(averages.get("kept")).isPresent();
	}

	@Test
	void anAverageIdleForTheExpiryIsForgotten() {
		LocalAverages averages = new LocalAverages(this.clock, 1000, Duration.ofHours(1));
		averages.add("k", 2);
		averages.add("k", 4);
		assertThat(averages.get("k")).isEqualTo(OptionalDouble.of(3));
		this.millis.addAndGet(Duration.ofHours(1).toMillis());
		assertThat(averages.get("k")).isEmpty();
		averages.add("k", 10);
		assertThat(averages.pop("k")).isEqualTo(OptionalDouble.of(10));
		assertThat(averages.pop("k")).isEmpty();
	}

}
