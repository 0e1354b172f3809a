package dev.fleche.sample.report;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.springframework.stereotype.Service;

import dev.fleche.annotation.CachedCall;
import dev.fleche.sample.SampleProperties;
import dev.fleche.sample.SimulatedWork;

/**
 * Computes yearly reports. Each report is computed once: the result is stored in the Fleche store
 * and served from it, also after a restart of the application.
 */
@Service
public class ReportService {

	private final SampleProperties properties;

	private final ReportExecutions executions;

	public ReportService(SampleProperties properties, ReportExecutions executions) {
		this.properties = properties;
		this.executions = executions;
	}

	/**
	 * The report of {@code year}: slow the first time, then from the cache for
	 * {@code sample.report-ttl} (after that it is computed again).
	 */
	@CachedCall(version = "1", expireAfter = "${sample.report-ttl:7d}")
	public Report yearly(int year) {
		this.executions.increment();
		SimulatedWork.take(this.properties.reportDelay());
		SplittableRandom random = new SplittableRandom(year);
		List<Report.MonthlySales> months = new ArrayList<>();
		long total = 0;
		for (int month = 1; month <= 12; month++) {
			long sales = 1_000 + random.nextInt(9_000);
			months.add(new Report.MonthlySales(month, sales));
			total += sales;
		}
		return new Report(year, months, total, Instant.now(Clock.systemUTC()).toString());
	}

}
