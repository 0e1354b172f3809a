package dev.fleche.core.lock.stats;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WaitHistogramTest {

	@Test
	void emptyHistogramReportsZeros() {
		assertThat(new WaitHistogram().snapshot()).isEqualTo(WaitTimes.none());
	}

	@Test
	void bucketsAreContiguousAndBoundsContainTheirValues() {
		int previous = -1;
		for (long value = 0; value < 100_000; value++) {
			int index = WaitHistogram.indexOf(value);
			assertThat(index).isBetween(previous, previous + 1);
			assertThat(WaitHistogram.upperBoundOf(index)).isGreaterThanOrEqualTo(value);
			assertThat(WaitHistogram.upperBoundOf(index)).isLessThanOrEqualTo(value + value / 4 + 1);
			previous = index;
		}
	}

	@Test
	void hugeValuesShareTheLastBucketAndKeepTheExactMaximum() {
		WaitHistogram histogram = new WaitHistogram();
		histogram.record(Long.MAX_VALUE);
		histogram.record(Long.MAX_VALUE / 2);
		WaitTimes times = histogram.snapshot();
		assertThat(times.max()).isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
		assertThat(times.p99()).isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
	}

	@Test
	void percentilesAreWithinAQuarterOfTheTrueValue() {
		WaitHistogram histogram = new WaitHistogram();
		for (long micros = 1; micros <= 1000; micros++) {
			histogram.record(micros * 1000);
		}
		WaitTimes times = histogram.snapshot();
		assertThat(times.count()).isEqualTo(1000);
		assertThat(times.p50().toNanos()).isCloseTo(500_000L, within(125_000L)).isGreaterThanOrEqualTo(500_000L);
		assertThat(times.p99().toNanos()).isCloseTo(990_000L, within(10_000L)).isGreaterThanOrEqualTo(990_000L);
		assertThat(times.max()).isEqualTo(Duration.ofMillis(1));
	}

	@Test
	void negativeDurationsCountAsZero() {
		WaitHistogram histogram = new WaitHistogram();
		histogram.record(-5);
		assertThat(histogram.snapshot()).isEqualTo(new WaitTimes(1, Duration.ZERO, Duration.ZERO, Duration.ZERO));
	}

}
