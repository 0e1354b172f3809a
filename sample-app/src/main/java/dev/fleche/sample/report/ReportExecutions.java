package dev.fleche.sample.report;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

/**
 * Counts how many times a report was really computed by this application run.
 */
@Component
public class ReportExecutions {

	private final AtomicInteger count = new AtomicInteger();

	void increment() {
		this.count.incrementAndGet();
	}

	/** Reports computed since start. */
	public int count() {
		return this.count.get();
	}

}
