package dev.fleche.sample.quote;

import org.springframework.stereotype.Service;

import dev.fleche.core.lock.LockService;
import dev.fleche.sample.Guarded;
import dev.fleche.sample.SampleProperties;
import dev.fleche.sample.SimulatedWork;

/**
 * Asks a slow quote service, which tolerates only two calls at a time: a semaphore of two permits
 * shared by every symbol (and every process on the host) keeps it at that; callers queue in
 * arrival order. A caller that waits longer than {@code sample.lock-timeout} gets a lock timeout
 * (HTTP 503).
 */
@Service
public class QuoteService {

	/** Calls the quote service takes at once. */
	static final int PERMITS = 2;

	private final LockService locks;

	private final SampleProperties properties;

	QuoteService(LockService locks, SampleProperties properties) {
		this.locks = locks;
		this.properties = properties;
	}

	/** The quote of {@code symbol}. */
	public Quote quote(String symbol) {
		return Guarded.call(this.locks.semaphore("quotes", PERMITS), this.properties.lockTimeout(), () -> {
			SimulatedWork.take(this.properties.quoteDelay());
			long price = 1_000 + Math.floorMod(symbol.hashCode() * 31L, 99_000);
			return new Quote(symbol, price);
		});
	}

}
