package dev.fleche.sample.report;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Service;

import dev.fleche.annotation.CachedCall;
import dev.fleche.sample.SampleProperties;
import dev.fleche.sample.SimulatedWork;

/**
 * Computes yearly reports, slowly ({@code sample.report-delay}). {@code @CachedCall} stores each
 * report in the SQLite store under {@code .fleche/}: the second request for a year, even after a
 * restart, is served from the store; concurrent first requests compute it once.
 */
@Service
public class ReportService {

	private final SampleProperties properties;

	private final AtomicInteger computed = new AtomicInteger();

	ReportService(SampleProperties properties) {
		this.properties = properties;
	}

	/** The report of {@code year}. */
	@CachedCall(version = "1")
	public Report yearly(int year) {
		this.computed.incrementAndGet();
		SimulatedWork.take(this.properties.reportDelay());
		List<Report.Month> months = new ArrayList<>();
		long total = 0;
		for (int month = 1; month <= 12; month++) {
			long sales = 1_000L * month + Math.floorMod(year * 7919L + month * 104729L, 1_000);
			months.add(new Report.Month(month, sales));
			total += sales;
		}
		return new Report(year, months, total);
	}

	/** How many reports this process computed (not served from the store). */
	public int computed() {
		return this.computed.get();
	}

}
