package dev.fleche.sample;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the sample application.
 *
 * @param dataDir directory of the sample's own data (the stock files)
 * @param reportDelay how long computing a report takes, to make the cache visible
 * @param quoteDelay how long the simulated quote service takes to answer
 */
@ConfigurationProperties("sample")
public record SampleProperties(Path dataDir, Duration reportDelay, Duration quoteDelay) {

	public SampleProperties {
		dataDir = (dataDir != null) ? dataDir : Path.of(".fleche", "sample");
		reportDelay = (reportDelay != null) ? reportDelay : Duration.ofSeconds(2);
		quoteDelay = (quoteDelay != null) ? quoteDelay : Duration.ofMillis(300);
		if (reportDelay.isNegative() || quoteDelay.isNegative()) {
			throw new IllegalArgumentException("sample.report-delay and sample.quote-delay must not be negative");
		}
	}

}
