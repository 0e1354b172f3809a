package dev.fleche.autoconfigure.cache;

import java.util.concurrent.atomic.AtomicInteger;

import dev.fleche.annotation.CachedCall;

/**
 * The same function name at another version, to show a new version misses.
 */
public class VersionTwoReports {

	final AtomicInteger runs = new AtomicInteger();

	int runs() {
		return this.runs.get();
	}

	@CachedCall(version = "3", name = "reports.yearly")
	public String yearly(int year, String requestedBy) {
		this.runs.incrementAndGet();
		return "v3 year " + year;
	}

}
