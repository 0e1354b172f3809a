package dev.fleche.sample.quote;

import org.springframework.stereotype.Service;

import dev.fleche.annotation.LockKind;
import dev.fleche.annotation.Locked;
import dev.fleche.sample.SampleProperties;
import dev.fleche.sample.SimulatedWork;

/**
 * Asks a slow quote service, which tolerates only two calls at a time: a semaphore {@code quotes}
 * of two permits, shared by every symbol (and every process on the host), keeps it at that;
 * callers queue in arrival order. A caller that waits longer than five seconds gets a lock timeout
 * (HTTP 503).
 */
@Service
public class QuoteService {

	private final SampleProperties properties;

	QuoteService(SampleProperties properties) {
		this.properties = properties;
	}

	/** The quote of {@code symbol}. */
	@Locked(name = "quotes", kind = LockKind.SEMAPHORE, permits = 2, waitTimeout = "5s")
	public Quote quote(String symbol) {
		SimulatedWork.take(this.properties.quoteDelay());
		long price = 1_000 + Math.floorMod(symbol.hashCode() * 31L, 99_000);
		return new Quote(symbol, price);
	}

}
