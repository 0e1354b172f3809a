package dev.fleche.autoconfigure.cache;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import dev.fleche.annotation.CacheIgnore;
import dev.fleche.annotation.CachedCall;

/**
 * A bean with {@link CachedCall} methods that counts its real executions.
 */
public class Reports {

	/** A row of a report. */
	public record Line(String item, int amount) {
	}

	final AtomicInteger runs = new AtomicInteger();

	int runs() {
		return this.runs.get();
	}

	@CachedCall
	public List<Line> monthly(int year, int month) {
		this.runs.incrementAndGet();
		return List.of(new Line("a-" + year, month), new Line("b-" + year, month * 2));
	}

	@CachedCall(version = "2", name = "reports.yearly")
	public String yearly(int year, @CacheIgnore String requestedBy) {
		this.runs.incrementAndGet();
		return "year " + year + " for " + requestedBy;
	}

	@CachedCall(ignore = "trace")
	public int sum(int a, int b, String trace) {
		this.runs.incrementAndGet();
		return a + b;
	}

	@CachedCall
	public String failing(String input) {
		this.runs.incrementAndGet();
		throw new IllegalStateException("failed for " + input);
	}

	@CachedCall
	public CompletableFuture<List<Line>> later(int year) {
		this.runs.incrementAndGet();
		return CompletableFuture.supplyAsync(() -> List.of(new Line("later", year)));
	}

	@CachedCall
	public String slow(String key) throws InterruptedException {
		this.runs.incrementAndGet();
		Thread.sleep(300);
		return "slow " + key;
	}

}
