package dev.fleche.autoconfigure.cache;

import java.util.concurrent.atomic.AtomicInteger;

import dev.fleche.annotation.CachedCall;

/**
 * Cached methods with expiry settings, counting their real executions.
 */
public class ExpiringReports {

	final AtomicInteger runs = new AtomicInteger();

	@CachedCall(expireAfter = "7d")
	public String weekly(int week) {
		return "week " + week + " run " + this.runs.incrementAndGet();
	}

	@CachedCall(name = "reports.daily", expireAfter = "${test.daily-ttl:1d}")
	public String daily(int day) {
		return "day " + day + " run " + this.runs.incrementAndGet();
	}

	@CachedCall
	public String byDefault(int n) {
		return "default " + n + " run " + this.runs.incrementAndGet();
	}

	@CachedCall(expireAfter = "never")
	public String forever(int n) {
		return "forever " + n + " run " + this.runs.incrementAndGet();
	}

}
