package dev.fleche.autoconfigure.cache;

import java.util.concurrent.atomic.AtomicInteger;

import dev.fleche.annotation.CachedCall;

/**
 * {@link CachedCall} on the type: public methods with a result are cached; void methods and
 * {@code toString} are not.
 */
@CachedCall(version = "7")
public class TypeLevelReports {

	final AtomicInteger runs = new AtomicInteger();

	int runs() {
		return this.runs.get();
	}

	public int square(int value) {
		this.runs.incrementAndGet();
		return value * value;
	}

	public void touch() {
		this.runs.incrementAndGet();
	}

	@Override
	public String toString() {
		return "TypeLevelReports#" + this.runs.incrementAndGet();
	}

}
